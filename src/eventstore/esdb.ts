/**
 * The production event store: EventStoreDB (KurrentDB) through
 * `@eventstore/db-client`, mapped one to one onto the port.
 *
 * The hash chain is computed here, by the writer, because EventStoreDB does
 * not know about it: an append reads the stream's last event for its hash and
 * appends at exactly that revision, so two writers can never chain onto the
 * same predecessor. A caller's `any` or `stream_exists` is honoured by reading
 * the head again when another writer got there first.
 *
 * System streams and events (`$`-prefixed) are EventStoreDB's own bookkeeping
 * and are never shown to Casebook: `$all` here means Casebook's events.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  type AllStreamResolvedEvent,
  type JSONType,
  type Position as EsdbPosition,
  type ResolvedEvent,
  START,
  streamNameFilter,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { chainHash, GENESIS_HASH } from './chain.js';
import { clientConnectionString, redactConnectionString } from './connection-string.js';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type JsonObject,
  matchesFilter,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  revisionMatches,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedVersion,
} from './event-store.js';
import type { RecordedMetadata } from './metadata.js';

/** How often an `any` append re-reads the head after losing a race before giving up. */
const MAX_CHAIN_ATTEMPTS = 20;

type EsdbRecorded = NonNullable<ResolvedEvent['event']>;

function isSystem(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/** What the server sends (2^64 - 1) for a position it does not know; the client passes it through as a number. */
const UNKNOWN_POSITION = 0xffff_ffff_ffff_ffffn;

function knownPosition(position: EsdbPosition | undefined): Position | null {
  if (!position || position.commit === UNKNOWN_POSITION || position.prepare === UNKNOWN_POSITION) return null;
  return { commit: position.commit, prepare: position.prepare };
}

function toPosition(position: EsdbPosition | undefined): Position {
  // Stream reads carry the $all position from EventStoreDB 22.6 on (EventStore#3459); before, the server sends 2^64 - 1.
  const known = knownPosition(position);
  if (!known) throw new Error('EventStoreDB returned an event without its position: use EventStoreDB 22.6 or later');
  return known;
}

/** The port's START (-1) and any other position before the log are EventStoreDB's START; the client would send -1 as a uint64. */
function toEsdbPosition(position: Position | undefined): EsdbPosition | typeof START {
  return !position || position.commit < 0n || position.prepare < 0n ? START : { commit: position.commit, prepare: position.prepare };
}

function toRecorded(event: EsdbRecorded): RecordedEvent {
  if (!event.isJson) throw new Error(`Event ${event.id} in ${event.streamId} is not JSON: it was not written by Casebook`);
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position: toPosition(event.position),
    data: event.data as JsonObject,
    metadata: event.metadata as unknown as RecordedMetadata,
    recordedAt: event.created,
  };
}

interface StreamTip {
  revision: bigint | 'no_stream';
  hash: string;
  position: EsdbPosition | undefined;
}

export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;

  constructor(private readonly client: EventStoreDBClient) {}

  async append(stream: string, events: readonly NewEvent[], opts: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const tip = await this.tip(stream);
      if (!revisionMatches(opts.expectedRevision, tip.revision)) {
        throw new WrongExpectedVersion(stream, opts.expectedRevision, tip.revision);
      }
      if (events.length === 0) {
        if (tip.revision === 'no_stream') throw new WrongExpectedVersion(stream, opts.expectedRevision, tip.revision);
        return { nextRevision: tip.revision, position: toPosition(tip.position) };
      }
      let revision = tip.revision === 'no_stream' ? -1n : tip.revision;
      let prevHash = tip.hash;
      const chained = events.map((event) => {
        revision += 1n;
        const hash = chainHash(prevHash, { streamId: stream, revision, id: event.id, type: event.type, data: event.data, metadata: event.metadata });
        const metadata: RecordedMetadata = { ...event.metadata, prevHash, hash };
        prevHash = hash;
        // The client's JSON types are looser than ours; both are plain JSON.
        return { id: event.id, contentType: 'application/json' as const, type: event.type, data: event.data as JSONType, metadata: metadata as unknown as JSONType };
      });
      let actual: bigint | 'no_stream';
      try {
        const result = await this.client.appendToStream(stream, chained, { expectedRevision: tip.revision });
        // EventStoreDB answers a second append of ids already stored at those revisions as a replay: success, nothing
        // written. Casebook never reuses an event id (the command handler makes fresh v7 ids for every attempt), so
        // a replay can only be the same append sent twice, and success is then the truth.
        if (result.success) return { nextRevision: result.nextExpectedRevision, position: toPosition(result.position) };
        // Only with throwOnAppendFailure=false in the connection string: a conflict comes back as a result, whose
        // revision the 6.x client garbles on batch appends (BigInt(hasCurrentStreamRevision())): read the head instead.
        actual = (await this.tip(stream)).revision;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        actual = typeof error.actualVersion === 'bigint' ? error.actualVersion : 'no_stream';
      }
      // The caller asked for an exact state and the stream is not in it: that is the caller's conflict.
      if (typeof opts.expectedRevision === 'bigint' || opts.expectedRevision === 'no_stream' || attempt >= MAX_CHAIN_ATTEMPTS) {
        throw new WrongExpectedVersion(stream, opts.expectedRevision, actual);
      }
      // `any` or `stream_exists`: another writer moved the head between our read and our append; chain onto the new head.
    }
  }

  private async tip(stream: string): Promise<StreamTip> {
    const read = this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    try {
      for await (const resolved of read) {
        const event = resolved.event;
        if (!event) continue;
        const metadata = event.metadata as Partial<RecordedMetadata> | undefined;
        return { revision: event.revision, hash: metadata?.hash ?? GENESIS_HASH, position: event.position };
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    } finally {
      await read.cancel().catch(() => undefined);
    }
    return { revision: 'no_stream', hash: GENESIS_HASH, position: undefined };
  }

  async *readStream(stream: string, opts: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    if (opts.maxCount === 0) return;
    const until = opts.until?.getTime();
    const read = this.client.readStream(stream, {
      direction: FORWARDS,
      fromRevision: opts.fromRevision ?? START,
      ...(opts.maxCount !== undefined ? { maxCount: opts.maxCount } : {}),
    });
    try {
      for await (const resolved of read) {
        if (!resolved.event) continue;
        if (until !== undefined && resolved.event.created.getTime() > until) return;
        yield toRecorded(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    } finally {
      // Stopping early (a `break`, or `until` reached) must not leave the gRPC call open.
      await read.cancel().catch(() => undefined);
    }
  }

  async *readAll(opts: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    // maxCount here counts Casebook's events; EventStoreDB's would count its system events too, so read until we have enough.
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: toEsdbPosition(opts.fromPosition) });
    try {
      for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
        const event = resolved.event;
        if (!event || isSystem(event.streamId, event.type)) continue;
        yield toRecorded(event);
        remaining -= 1;
        if (remaining <= 0) return;
      }
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  subscribeToAll(opts: SubscribeOptions = {}): Subscription {
    const prefixes = opts.filter?.streamPrefixes;
    const subscription = this.client.subscribeToAll({
      fromPosition: toEsdbPosition(opts.fromPosition),
      // The server filters what it can (one filter a subscription); the event-type part is checked here.
      filter: prefixes && prefixes.length > 0 ? streamNameFilter({ prefixes: [...prefixes] }) : excludeSystemEvents(),
    });
    async function* deliver(): AsyncGenerator<RecordedEvent> {
      try {
        for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
          const event = resolved.event;
          if (!event || isSystem(event.streamId, event.type)) continue;
          const recorded = toRecorded(event);
          if (matchesFilter(recorded, opts.filter)) yield recorded;
        }
      } finally {
        // A consumer that stops with `break` (not close()) must not leave the gRPC call open.
        await subscription.unsubscribe().catch(() => undefined);
      }
    }
    const iterator = deliver();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        await subscription.unsubscribe().catch(() => undefined);
        await iterator.return(undefined);
      },
    };
  }

  async headPosition(): Promise<Position | null> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    try {
      for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
        const event = resolved.event;
        if (event && !isSystem(event.streamId, event.type)) return toPosition(event.position);
      }
      return null;
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

/** Connects and checks the connection once, so a wrong connection string fails at start-up, not at the first request. */
export async function connectEventStoreDb(connectionString: string): Promise<EventStoreDbEventStore> {
  const shown = redactConnectionString(connectionString);
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(clientConnectionString(connectionString));
  } catch (error) {
    // The client's parse error repeats the whole string, password included.
    const expected = error instanceof Error && 'expected' in error ? `: expected ${String(error.expected)}` : '';
    throw new Error(`The EventStoreDB connection string ${shown} is not valid${expected}`);
  }
  const store = new EventStoreDbEventStore(client);
  try {
    await store.headPosition();
  } catch (error) {
    await client.dispose().catch(() => undefined);
    throw new Error(`Cannot reach EventStoreDB at ${shown}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return store;
}
