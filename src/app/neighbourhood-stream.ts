/**
 * A neighbourhood as a stream kind: one stream per neighbourhood, holding its
 * definition and the priorities its community chose, with their reviews.
 */
import { neighbourhoodDecider, type NeighbourhoodState } from '../domain/neighbourhood/decider.js';
import type { NeighbourhoodCommand } from '../domain/neighbourhood/commands.js';
import type { NeighbourhoodEvent } from '../domain/neighbourhood/events.js';
import { streamCategories, streamName } from '../domain/shared/streams.js';
import type { StreamKind } from './command-handler.js';

export const neighbourhoodStream: StreamKind<NeighbourhoodCommand, NeighbourhoodEvent, NeighbourhoodState> = {
  decider: neighbourhoodDecider,
  schemaVersion: 1,
};

/** `neighbourhood-<uuid>`: the id is the one DefineNeighbourhood carries, so the stream and the record agree. */
export function neighbourhoodStreamName(neighbourhoodId: string): string {
  return streamName(streamCategories.neighbourhood, neighbourhoodId);
}
