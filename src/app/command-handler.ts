/**
 * Command handling: read the stream, fold it, decide, append at the revision
 * read. The store's optimistic concurrency makes the append the only point of
 * truth: whoever appends first at a revision wins, the other reads again.
 *
 * Idempotency is Casebook's own and the same on both stores: the events a
 * command wrote carry its idempotency key, scoped to the caller, in their
 * metadata. Reading the stream (which handling does anyway) finds a key that
 * was already handled, and the first result is answered without deciding
 * again. Because the key travels inside the same atomic append as the events,
 * there is no window in which the events exist and the key does not: that holds
 * across restarts and when two requests with one key race (the loser's append
 * conflicts, it reads again and finds the key).
 */
import { createHash, randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { Actor } from '../domain/shared/actor.js';
import type { Decider } from '../domain/shared/decider.js';
import {
  type EventStore,
  type JsonObject,
  type NewEvent,
  type Position,
  type RecordedEvent,
  WrongExpectedVersion,
} from '../eventstore/event-store.js';
import { canonicalJson } from '../eventstore/chain.js';
import type { EventMetadata } from '../eventstore/metadata.js';
import { ConcurrencyConflict, InputValidationError } from './errors.js';
import { newEventId } from './event-ids.js';

/** Namespace for ids derived from idempotency keys (uuid v5). */
const IDEMPOTENCY_NAMESPACE = '6f0d7f1e-3b9a-4c7e-9d55-2a1c0e8b4f10';
const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_CACHE_SIZE = 10_000;

export interface StreamKind<Command extends { type: string }, Event extends { type: string }, State> {
  readonly decider: Decider<Command, Event, State>;
  /** The shape version written with new events; readers upcast older ones. */
  readonly schemaVersion: number;
  /** Brings an event stored under an older schema version to today's shape. */
  readonly upcast?: (event: RecordedEvent) => Event;
}

export interface CommandOptions {
  readonly actor: Actor;
  readonly correlationId: string;
  /** What caused this command (a request id, or the event a process manager reacted to). */
  readonly causationId?: string;
  /** The revision the caller read. Given: a moved stream is a conflict. Absent: a conflict is retried. */
  readonly expectedRevision?: bigint | 'no_stream';
  /** The caller's key; scoped here to the caller so two agencies' keys never collide. */
  readonly idempotencyKey?: string;
  /**
   * When it happened, for a command that relays news of an event already
   * recorded (the reactor): the news is dated by its cause, not by when it was
   * relayed, so a record's events stay in the order things happened.
   */
  readonly occurredAt?: Date;
}

export interface CommandResult<State> {
  readonly streamId: string;
  /** The stream's revision after the command, or 'no_stream' if nothing was ever written. */
  readonly revision: bigint | 'no_stream';
  /** Where the command's last event stands in `$all`; null when it wrote nothing. */
  readonly position: Position | null;
  readonly eventTypes: readonly string[];
  /** True when the idempotency key had been handled before and this is its first result. */
  readonly deduplicated: boolean;
  readonly state: State;
}

interface KeyedResult {
  revision: bigint;
  position: Position;
  eventTypes: string[];
  /** What the key was first used for; absent on events written before fingerprints were kept. */
  fingerprint?: string | undefined;
}

/** sha-256 of the command's canonical form: two requests are the same request when these are equal. */
/**
 * Keys a person's details and household key into a request's fingerprint
 * under that person's own key, so the fingerprint, kept in the clear with the
 * events, cannot confirm a guess of them, least of all once the person is
 * erased and the key gone.
 */
export type PersonalDataFingerprint = (personId: string, personal: unknown) => string;

/** The request's fingerprint: a hash of the command, with a person's data keyed under their key where a keying is given. */
function fingerprintOf(command: unknown, personal: PersonalDataFingerprint | undefined): string {
  return createHash('sha256').update(canonicalJson(personal ? withPersonalDataKeyed(command, personal) : command)).digest('hex');
}

function withPersonalDataKeyed(command: unknown, personal: PersonalDataFingerprint): unknown {
  if (typeof command !== 'object' || command === null || Array.isArray(command)) return command;
  const { details, householdKey, ...rest } = command as Record<string, unknown>;
  const personId = (command as { personId?: unknown }).personId;
  if (typeof personId !== 'string' || (details === undefined && householdKey === undefined)) return command;
  return { ...rest, personalData: personal(personId, { details, householdKey }) };
}

interface LoadedStream<State> {
  state: State;
  revision: bigint | 'no_stream';
  /** Scoped idempotency key -> what it wrote. */
  keys: Map<string, KeyedResult>;
}

/**
 * The first result of a key, answered again. A key is a promise that the request is the same: one reused for a
 * different request is a mistake to name, not a reason to skip the work silently.
 */
function answerRepeat<State>(streamId: string, earlier: KeyedResult, fingerprint: string | undefined, state: State): CommandResult<State> {
  if (earlier.fingerprint !== undefined && fingerprint !== undefined && earlier.fingerprint !== fingerprint) {
    throw new InputValidationError([
      { path: 'idempotencyKey', message: `this key was first used for a different request (${earlier.eventTypes.join(', ')}); send a new key with a new request` },
    ]);
  }
  const { fingerprint: _fingerprint, ...result } = earlier;
  return { streamId, ...result, deduplicated: true, state };
}

export function scopedIdempotencyKey(actor: Actor, key: string): string {
  // Encoded, not joined with a separator: a user id may hold any character, and `a/b` + `c` must differ from `a` + `b/c`.
  return JSON.stringify([actor.agencyId, actor.userId, key]);
}

/**
 * The id of an entity a command creates. With an idempotency key the id is
 * derived from it, so a retried "open" lands on the same stream and is found
 * to be a repeat; without one it is fresh.
 */
export function newEntityId(actor: Actor, idempotencyKey: string | undefined, purpose: string): string {
  return idempotencyKey ? uuidv5(`${purpose}:${scopedIdempotencyKey(actor, idempotencyKey)}`, IDEMPOTENCY_NAMESPACE) : randomUUID();
}

export class CommandHandler {
  /** Folded streams by name, most recently used last; a stale entry only costs reading the tail. */
  private readonly cache = new Map<string, LoadedStream<unknown>>();
  private readonly loading = new Map<string, Promise<LoadedStream<unknown>>>();
  /** How many times folds were forgotten: a load under way when it happens does not put its fold back in the cache. */
  private forgettings = 0;
  /** The last command queued on each stream that has one running: the next waits for it to settle. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly options: { maxAttempts?: number; cacheSize?: number; personalDataFingerprint?: PersonalDataFingerprint } = {},
  ) {}

  /**
   * Commands on one stream run one after another in this instance, in the
   * order they arrived: they could not both succeed at the same revision
   * anyway, and queueing them is fair where retrying is not (a writer whose
   * cached fold is current would win every race against one reading the tail).
   * Other instances are kept apart by the store's optimistic concurrency.
   */
  handle<Command extends { type: string }, Event extends { type: string }, State>(
    kind: StreamKind<Command, Event, State>,
    streamId: string,
    command: Command,
    opts: CommandOptions,
  ): Promise<CommandResult<State>> {
    return this.inTurn(streamId, () => this.decideAndAppend(kind, streamId, command, opts));
  }

  /** A handler over the same store, with the same options, on another clock (the demo tells its stories on past days). */
  withClock(clock: () => Date): CommandHandler {
    return new CommandHandler(this.store, clock, this.options);
  }

  /** Drops the folds of the streams whose names start so: the next command on each reads its stream again. */
  forgetStreams(prefix: string): void {
    this.forgettings += 1;
    for (const streamId of [...this.cache.keys()]) if (streamId.startsWith(prefix)) this.cache.delete(streamId);
  }

  /** Runs `work` once everything queued on this stream before it has settled. */
  private inTurn<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const ahead = this.inFlight.get(streamId);
    const result = ahead ? ahead.then(work) : work();
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.set(streamId, settled);
    void settled.then(() => {
      if (this.inFlight.get(streamId) === settled) this.inFlight.delete(streamId);
    });
    return result;
  }

  private async decideAndAppend<Command extends { type: string }, Event extends { type: string }, State>(
    kind: StreamKind<Command, Event, State>,
    streamId: string,
    command: Command,
    opts: CommandOptions,
  ): Promise<CommandResult<State>> {
    const key = opts.idempotencyKey ? scopedIdempotencyKey(opts.actor, opts.idempotencyKey) : undefined;
    const fingerprint = key ? fingerprintOf(command, this.options.personalDataFingerprint) : undefined;
    const commandId = randomUUID();
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    // Optimistic: a stream folded before is decided on as cached, without reading its tail first. The append at the
    // cached revision is the proof: it succeeds only if nothing was written since. Every other outcome (a conflict,
    // a refusal, nothing to do, a stale expected revision) is decided again on a fresh read before it is answered.
    const cached = this.cache.get(streamId) as LoadedStream<State> | undefined;
    let loaded = cached ?? (await this.load(kind, streamId));
    let fresh = cached === undefined;
    const readAgain = async () => {
      loaded = await this.load(kind, streamId);
      fresh = true;
    };
    for (let attempt = 1; ; ) {
      // A key found even in a stale fold was really handled: its events are in the store.
      const earlier = key ? loaded.keys.get(key) : undefined;
      if (earlier) return answerRepeat(streamId, earlier, fingerprint, loaded.state);
      if (opts.expectedRevision !== undefined && opts.expectedRevision !== loaded.revision) {
        if (!fresh) {
          await readAgain();
          continue;
        }
        throw new ConcurrencyConflict(streamId, opts.expectedRevision, loaded.revision);
      }
      const now = opts.occurredAt ?? this.clock();
      let decided: Event[];
      try {
        decided = kind.decider.decide(command, loaded.state, { now, actor: opts.actor });
      } catch (error) {
        if (fresh) throw error;
        await readAgain();
        continue;
      }
      if (decided.length === 0) {
        if (!fresh) {
          await readAgain();
          continue;
        }
        return { streamId, revision: loaded.revision, position: null, eventTypes: [], deduplicated: false, state: loaded.state };
      }
      const metadata: EventMetadata = {
        actor: { userId: opts.actor.userId, agencyId: opts.actor.agencyId, roles: [...opts.actor.roles] },
        correlationId: opts.correlationId,
        causationId: opts.causationId ?? commandId,
        occurredAt: now.toISOString(),
        schemaVersion: kind.schemaVersion,
        ...(key ? { idempotencyKey: key, requestFingerprint: fingerprint } : {}),
      };
      const events: NewEvent[] = decided.map((event) => ({
        // Fresh, not derived from the idempotency key: the key in the metadata already makes a repeat harmless, and
        // EventStoreDB would answer a second append of derived ids as a silent replay rather than the conflict that
        // sends the loser of a race to find the key.
        id: newEventId(),
        type: event.type,
        data: event as unknown as JsonObject,
        metadata,
      }));
      const readRevision = loaded.revision;
      try {
        const appended = await this.store.append(streamId, events, { expectedRevision: readRevision });
        let state = loaded.state;
        for (const event of decided) state = kind.decider.evolve(state, event);
        const eventTypes = decided.map((e) => e.type);
        // Only move the cached fold forward if nobody folded past us meanwhile; otherwise the next load reads the tail.
        if (loaded.revision === readRevision) {
          loaded.state = state;
          loaded.revision = appended.nextRevision;
          if (key) loaded.keys.set(key, { revision: appended.nextRevision, position: appended.position, eventTypes, fingerprint });
          // A stream in use stays cached: recency counts commands, not only reads.
          if (this.cache.get(streamId) === loaded) this.remember(streamId, loaded);
        }
        return { streamId, revision: appended.nextRevision, position: appended.position, eventTypes, deduplicated: false, state };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        // Someone else appended first. Read again: it may have been this very key.
        const staleRead = !fresh;
        await readAgain();
        const winner = key ? loaded.keys.get(key) : undefined;
        if (winner) return answerRepeat(streamId, winner, fingerprint, loaded.state);
        // A conflict found by deciding on a stale cache is not the caller's: decide again on what was read.
        if (staleRead) continue;
        if (opts.expectedRevision !== undefined) throw new ConcurrencyConflict(streamId, opts.expectedRevision, loaded.revision);
        if (attempt >= maxAttempts) throw new ConcurrencyConflict(streamId, readRevision, loaded.revision);
        attempt += 1;
      }
    }
  }

  /** The stream folded to its latest revision, without deciding anything. */
  read<Command extends { type: string }, Event extends { type: string }, State>(
    kind: StreamKind<Command, Event, State>,
    streamId: string,
  ): Promise<{ state: State; revision: bigint | 'no_stream' }> {
    // In turn with the stream's commands: a command moves the cached fold forward without the load lock, and a
    // read folding the tail at the same moment would apply the command's events a second time.
    return this.inTurn(streamId, async () => {
      const loaded = await this.load(kind, streamId);
      return { state: loaded.state, revision: loaded.revision };
    });
  }

  /**
   * Loads of one stream run one at a time: they fold into the same cached
   * object, and two interleaved folds would apply the tail twice.
   */
  private async load<Command extends { type: string }, Event extends { type: string }, State>(
    kind: StreamKind<Command, Event, State>,
    streamId: string,
  ): Promise<LoadedStream<State>> {
    for (let running = this.loading.get(streamId); running; running = this.loading.get(streamId)) {
      await running.catch(() => undefined);
    }
    const loading = this.loadTail(kind, streamId);
    this.loading.set(streamId, loading);
    try {
      return await loading;
    } finally {
      this.loading.delete(streamId);
    }
  }

  private async loadTail<Command extends { type: string }, Event extends { type: string }, State>(
    kind: StreamKind<Command, Event, State>,
    streamId: string,
  ): Promise<LoadedStream<State>> {
    const forgettings = this.forgettings;
    const cached = this.cache.get(streamId) as LoadedStream<State> | undefined;
    const loaded: LoadedStream<State> = cached ?? { state: kind.decider.initialState(), revision: 'no_stream', keys: new Map() };
    const fromRevision = loaded.revision === 'no_stream' ? 0n : loaded.revision + 1n;
    let pendingKey: string | undefined;
    for await (const recorded of this.store.readStream(streamId, { fromRevision })) {
      const event = kind.upcast ? kind.upcast(recorded) : (recorded.data as unknown as Event);
      loaded.state = kind.decider.evolve(loaded.state, event);
      loaded.revision = recorded.revision;
      const key = recorded.metadata.idempotencyKey;
      if (key) {
        // A command's events are contiguous and share the key: the last of them is its result.
        const entry = loaded.keys.get(key);
        if (entry && pendingKey === key) {
          entry.revision = recorded.revision;
          entry.position = recorded.position;
          entry.eventTypes.push(recorded.type);
        } else if (!entry) {
          loaded.keys.set(key, { revision: recorded.revision, position: recorded.position, eventTypes: [recorded.type], fingerprint: recorded.metadata.requestFingerprint });
        }
      }
      pendingKey = key;
    }
    // Folded from events read before the folds were forgotten (an erasure): used for this command, not kept.
    if (forgettings === this.forgettings) this.remember(streamId, loaded);
    return loaded;
  }

  private remember(streamId: string, loaded: LoadedStream<unknown>): void {
    this.cache.delete(streamId);
    this.cache.set(streamId, loaded);
    const limit = this.options.cacheSize ?? DEFAULT_CACHE_SIZE;
    if (this.cache.size > limit) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
