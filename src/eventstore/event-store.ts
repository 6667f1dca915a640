/**
 * The EventStore port. Two adapters implement it (sqlite.ts, esdb.ts) and one
 * contract suite (test/eventstore/contract.ts) holds them to the same meaning.
 *
 * Conventions follow EventStoreDB so that the embedded store is never more
 * forgiving than production:
 * - the first event of a stream is revision 0; a stream with no events is
 *   'no_stream', not a number;
 * - global positions follow commit order;
 * - `readAll({ fromPosition })` includes that position, `subscribeToAll({ fromPosition })`
 *   starts after it (a checkpoint names the last event already handled).
 */
import type { EventMetadata, RecordedMetadata } from './metadata.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type ExpectedRevision = bigint | 'no_stream' | 'stream_exists' | 'any';

/** A place in `$all`. The embedded store uses one sequence for both parts. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  /** The store adds `prevHash` and `hash` when it appends. */
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly data: JsonObject;
  readonly metadata: RecordedMetadata;
  /** When the store committed the event. */
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** The revision of the last event appended. */
  readonly nextRevision: bigint;
  /** The global position of the last event appended. */
  readonly position: Position;
}

export interface ReadStreamOptions {
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
  /** Only events the store had committed at or before this instant. */
  readonly until?: Date;
}

export interface ReadAllOptions {
  /** Inclusive. */
  readonly fromPosition?: Position;
  readonly maxCount?: number;
}

export interface SubscriptionFilter {
  /** Stream name prefixes, e.g. `plan-`. */
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive: delivery starts with the first event after this position. */
  readonly fromPosition?: Position;
  readonly filter?: SubscriptionFilter;
}

/** Catch-up then live; ends when closed. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'eventstoredb';
  append(stream: string, events: readonly NewEvent[], opts: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  /** A stream that does not exist reads as empty. */
  readStream(stream: string, opts?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(opts?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(opts?: SubscribeOptions): Subscription;
  /** The position of the last event in `$all`, or null when the store is empty. */
  headPosition(): Promise<Position | null>;
  close(): Promise<void>;
}

export class WrongExpectedVersion extends Error {
  override readonly name = 'WrongExpectedVersion';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamId} expected revision ${String(expected)} but is at ${String(actual)}`);
  }
}

export const START: Position = { commit: -1n, prepare: -1n };

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function matchesFilter(event: { streamId: string; type: string }, filter: SubscriptionFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  return true;
}

export function revisionMatches(expected: ExpectedRevision, actual: bigint | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}
