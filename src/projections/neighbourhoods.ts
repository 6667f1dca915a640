/**
 * Every neighbourhood and its priorities, as the decider's own fold: what the
 * API lists, and what the co-ordination agenda reads its priorities from.
 */
import { neighbourhoodDecider, type NeighbourhoodState } from '../domain/neighbourhood/decider.js';
import { type NeighbourhoodEvent, neighbourhoodEventSchema } from '../domain/neighbourhood/events.js';
import { parseStreamName, streamCategories } from '../domain/shared/streams.js';
import type { Projection } from './projection.js';

export interface NeighbourhoodView {
  readonly neighbourhoodId: string;
  revision: bigint;
  state: NeighbourhoodState;
}

export type NeighbourhoodDirectory = Map<string, NeighbourhoodView>;

export const neighbourhoodsProjection: Projection<NeighbourhoodDirectory> = {
  name: 'neighbourhoods',
  handles: neighbourhoodEventSchema.options.map((option) => option.shape.type.value),
  init: () => new Map(),
  apply(model, recorded) {
    const parsed = parseStreamName(recorded.streamId);
    if (parsed?.category !== streamCategories.neighbourhood) return;
    const view = model.get(parsed.id) ?? { neighbourhoodId: parsed.id, revision: recorded.revision, state: neighbourhoodDecider.initialState() };
    view.state = neighbourhoodDecider.evolve(view.state, recorded.data as unknown as NeighbourhoodEvent);
    view.revision = recorded.revision;
    model.set(parsed.id, view);
  },
};
