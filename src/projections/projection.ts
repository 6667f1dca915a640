import type { RecordedEvent } from '../eventstore/event-store.js';

/**
 * A read model fed from `$all`. `apply` mutates the model in place: read models
 * live in memory and are rebuilt from the store, so there is no second copy to
 * keep consistent.
 */
export interface Projection<ReadModel> {
  readonly name: string;
  /** Event types this projection reads (the runner skips the rest), or 'all'. */
  readonly handles: readonly string[] | 'all';
  init(): ReadModel;
  apply(model: ReadModel, event: RecordedEvent): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProjection = Projection<any>;
