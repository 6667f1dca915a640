import { parseStreamName } from '../domain/shared/streams.js';
import type { Position } from '../eventstore/event-store.js';
import type { Projection } from './projection.js';

/** Every stream the store holds: what it is, how far it has come, who started it and when. */
export interface CatalogueEntry {
  readonly streamId: string;
  readonly category: string;
  revision: bigint;
  eventCount: number;
  readonly createdAt: string;
  readonly createdByAgency: string;
  lastChangedAt: string;
  lastEventType: string;
  lastPosition: Position;
}

export interface StreamCatalogue {
  readonly streams: Map<string, CatalogueEntry>;
  readonly countsByCategory: Map<string, number>;
}

export const streamCatalogueProjection: Projection<StreamCatalogue> = {
  name: 'stream-catalogue',
  handles: 'all',
  init: () => ({ streams: new Map(), countsByCategory: new Map() }),
  apply(model, event) {
    const at = event.metadata.occurredAt;
    const existing = model.streams.get(event.streamId);
    if (existing) {
      existing.revision = event.revision;
      existing.eventCount += 1;
      existing.lastChangedAt = at;
      existing.lastEventType = event.type;
      existing.lastPosition = event.position;
      return;
    }
    const category = parseStreamName(event.streamId)?.category ?? event.streamId;
    model.streams.set(event.streamId, {
      streamId: event.streamId,
      category,
      revision: event.revision,
      eventCount: 1,
      createdAt: at,
      createdByAgency: event.metadata.actor.agencyId,
      lastChangedAt: at,
      lastEventType: event.type,
      lastPosition: event.position,
    });
    model.countsByCategory.set(category, (model.countsByCategory.get(category) ?? 0) + 1);
  },
};
