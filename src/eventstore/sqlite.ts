/**
 * The embedded event store: one SQLite file, WAL, synchronous=FULL.
 *
 * Appends are queued and committed together in one transaction on the next
 * turn of the event loop (group commit): one fsync serves every append that
 * arrived meanwhile, and each append is answered only after that commit
 * returned, so an acknowledged event is on disk. Each append inside the batch
 * runs in its own savepoint, so one append's wrong revision does not fail its
 * neighbours.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { chainHash, GENESIS_HASH } from './chain.js';
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

const PAGE_SIZE = 1000;
/** Another process may write the same file; live subscribers look again this often. */
const CROSS_PROCESS_POLL_MS = 500;

/** A row of the events table, as stored. */
export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
  hash: string;
}

interface PendingAppend {
  stream: string;
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

interface FollowControl {
  open: boolean;
  /** Ends the wait for the next commit early, when the subscription is closed. */
  wake: (() => void) | null;
}

type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export class DuplicateEventId extends Error {
  override readonly name = 'DuplicateEventId';
  constructor(readonly eventId: string) {
    super(`An event with id ${eventId} is already stored`);
  }
}

/**
 * How the store opens its file (the benchmark's raw baseline opens its own the same way).
 * synchronous=FULL: every commit reaches the disk before the append answers.
 * wal_autocheckpoint: copy the WAL into the database file every 10,000 pages
 * (about 40 MB) rather than SQLite's default 1,000. Durability is the same (a
 * commit is durable once its WAL frames are synced); what changes is how often
 * the pages appends keep rewriting (index leaves, stream heads) are copied into
 * the database file and that file synced. Measured on a 2-core VM: 13% more
 * events/s through command handling at 32 writers, 25% more for raw batched
 * inserts; the price is a WAL file of up to about 40 MB beside the database.
 */
export const SQLITE_PRAGMAS: readonly string[] = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'busy_timeout = 5000',
  'wal_autocheckpoint = 10000',
];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL,
  -- The chain hash again (it is in metadata too), so an append reads its stream's head from the index alone.
  hash        TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
`;

/** The file layout this code writes; a file with another is refused with a sentence, never guessed at. */
const LAYOUT_VERSION = 1;

function toPosition(n: number): Position {
  const b = BigInt(n);
  return { commit: b, prepare: b };
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: toPosition(row.position),
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as RecordedMetadata,
    recordedAt: new Date(row.recorded_at),
  };
}

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for a store that lives as long as the process. */
  readonly path: string;
  /** For tests of time travel: the store's commit clock. */
  readonly clock?: () => Date;
  /** Refuse to create the file: for tools that check a store (an auditor's mistyped path must not read as an empty, whole store). */
  readonly mustExist?: boolean;
}

export class EventStoreMissing extends Error {
  override readonly name = 'EventStoreMissing';
  constructor(readonly path: string) {
    super(`There is no event store at ${path}. Check CASEBOOK_DATA_DIR.`);
  }
}

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  /** The file, or ':memory:'. */
  readonly path: string;
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  /** One listener per live subscription, told of every commit: a fixed set, so an idle subscription holds nothing new. */
  private readonly commitListeners = new Set<() => void>();
  private readonly counters = { transactions: 0, appends: 0, events: 0 };
  private readonly statements;
  private readonly commitBatch: Database.Transaction<(batch: PendingAppend[]) => AppendOutcome[]>;

  constructor(options: SqliteEventStoreOptions) {
    if (options.mustExist && options.path !== ':memory:' && !existsSync(options.path)) throw new EventStoreMissing(options.path);
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.path = options.path;
    this.db = new Database(options.path);
    this.clock = options.clock ?? (() => new Date());
    for (const pragma of SQLITE_PRAGMAS) this.db.pragma(pragma);
    this.openLayout();
    this.statements = {
      // The stream's last event, found at the end of its (stream_id, revision) index: no second table to keep in step.
      head: this.db.prepare<[string], { revision: number; hash: string; position: number }>(
        'SELECT revision, hash, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      insertEvent: this.db.prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      // A whole page has its own statement: with the limit a bound parameter, SQLite takes several
      // microseconds longer over every read, even one that finds nothing (command handling reads the
      // tail of a stream before every decision, and usually finds nothing).
      readStreamPage: this.db.prepare<[string, number], EventRow>(
        `SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ${PAGE_SIZE}`,
      ),
      readStream: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      readAllPage: this.db.prepare<[number], EventRow>(`SELECT * FROM events WHERE position >= ? ORDER BY position LIMIT ${PAGE_SIZE}`),
      readAll: this.db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position >= ? ORDER BY position LIMIT ?'),
      headPosition: this.db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
    };
    // Nested better-sqlite3 transactions are savepoints: one append's failure rolls back only its own rows. An
    // append of one event is one INSERT, whole or not at all by itself, so it goes without the savepoint's cost.
    const appendSeveral = this.db.transaction((req: PendingAppend): AppendResult => this.appendInTransaction(req));
    this.commitBatch = this.db.transaction((batch: PendingAppend[]): AppendOutcome[] =>
      batch.map((req) => {
        try {
          return { ok: true, result: req.events.length > 1 ? appendSeveral(req) : this.appendInTransaction(req) };
        } catch (error) {
          // SQLite may have rolled the whole transaction back (disk full, I/O error): then later appends would
          // commit on their own behind failures already answered. Abort the batch; every append in it fails.
          if (!this.db.inTransaction) throw error;
          // Otherwise the failure is this append's alone (its savepoint, or its one INSERT, undone).
          return { ok: false, error };
        }
      }),
    );
  }

  /** Creates the layout in a new file; refuses a file written by another layout rather than misread it. */
  private openLayout(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    const hasEvents = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;
    if (hasEvents && version !== LAYOUT_VERSION) {
      this.db.close();
      throw new Error(
        `This event store file has layout ${version}, and this Casebook reads layout ${LAYOUT_VERSION}. ` +
          'It was written by a development build from before the first release: move it aside and start again.',
      );
    }
    this.db.exec(SCHEMA);
    if (!hasEvents) this.db.pragma(`user_version = ${LAYOUT_VERSION}`);
  }

  append(stream: string, events: readonly NewEvent[], opts: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('The event store is closed'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, events, expectedRevision: opts.expectedRevision, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: AppendOutcome[];
    try {
      outcomes = this.commitBatch.immediate(batch);
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch is stored.
      for (const req of batch) req.reject(error);
      return;
    }
    this.counters.transactions += 1;
    batch.forEach((req, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) {
        this.counters.appends += 1;
        this.counters.events += req.events.length;
        req.resolve(outcome.result);
      } else {
        req.reject(outcome.error);
      }
    });
    this.notifyCommitted();
  }

  private appendInTransaction(req: PendingAppend): AppendResult {
    const head = this.statements.head.get(req.stream);
    const actual: bigint | 'no_stream' = head ? BigInt(head.revision) : 'no_stream';
    if (!revisionMatches(req.expectedRevision, actual)) {
      throw new WrongExpectedVersion(req.stream, req.expectedRevision, actual);
    }
    if (req.events.length === 0) {
      if (!head) throw new WrongExpectedVersion(req.stream, req.expectedRevision, actual);
      return { nextRevision: BigInt(head.revision), position: toPosition(head.position) };
    }
    let revision = head ? head.revision : -1;
    let prevHash = head ? head.hash : GENESIS_HASH;
    let position = 0;
    const recordedAt = this.clock().getTime();
    for (const event of req.events) {
      revision += 1;
      const hash = chainHash(prevHash, {
        streamId: req.stream,
        revision: BigInt(revision),
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      });
      const metadata: RecordedMetadata = { ...event.metadata, prevHash, hash };
      try {
        const info = this.statements.insertEvent.run(
          req.stream,
          revision,
          event.id,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(metadata),
          recordedAt,
          hash,
        );
        position = Number(info.lastInsertRowid);
      } catch (error) {
        if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('event_id')) {
          throw new DuplicateEventId(event.id);
        }
        throw error;
      }
      prevHash = hash;
    }
    return { nextRevision: BigInt(revision), position: toPosition(position) };
  }

  async *readStream(stream: string, opts: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    let from = Number(opts.fromRevision ?? 0n);
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    const until = opts.until?.getTime();
    while (remaining > 0) {
      const rows =
        remaining >= PAGE_SIZE
          ? this.statements.readStreamPage.all(stream, from)
          : this.statements.readStream.all(stream, from, remaining);
      for (const row of rows) {
        if (until !== undefined && row.recorded_at > until) return;
        yield toRecorded(row);
      }
      if (rows.length < PAGE_SIZE) return;
      remaining -= rows.length;
      from = rows[rows.length - 1]!.revision + 1;
    }
  }

  async *readAll(opts: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    let from = opts.fromPosition ? Number(opts.fromPosition.commit) : 0;
    let remaining = opts.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const rows = remaining >= PAGE_SIZE ? this.statements.readAllPage.all(from) : this.statements.readAll.all(from, remaining);
      for (const row of rows) yield toRecorded(row);
      if (rows.length < PAGE_SIZE) return;
      remaining -= rows.length;
      from = rows[rows.length - 1]!.position + 1;
    }
  }

  subscribeToAll(opts: SubscribeOptions = {}): Subscription {
    const control: FollowControl = { open: true, wake: null };
    const iterator = this.follow(opts, control);
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        control.open = false;
        control.wake?.();
        await iterator.return(undefined);
      },
    };
  }

  private async *follow(opts: SubscribeOptions, control: FollowControl): AsyncGenerator<RecordedEvent> {
    let after = opts.fromPosition ? Number(opts.fromPosition.commit) : -1;
    let committedSinceRead = false;
    const onCommit = () => {
      committedSinceRead = true;
      control.wake?.();
    };
    this.commitListeners.add(onCommit);
    try {
      while (control.open && !this.closed) {
        // Cleared before reading, so a commit during the read or while events are handed over is never missed.
        committedSinceRead = false;
        const rows = this.statements.readAllPage.all(after + 1);
        for (const row of rows) {
          after = row.position;
          const event = toRecorded(row);
          if (matchesFilter(event, opts.filter)) yield event;
          if (!control.open) return;
        }
        if (rows.length === PAGE_SIZE || committedSinceRead) continue;
        // Wait for this process's next commit, or look again after a while: another process may write the file.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, CROSS_PROCESS_POLL_MS);
          function done(): void {
            clearTimeout(timer);
            control.wake = null;
            resolve();
          }
          control.wake = done;
        });
      }
    } finally {
      this.commitListeners.delete(onCommit);
      control.open = false;
    }
  }

  private notifyCommitted(): void {
    for (const listener of [...this.commitListeners]) listener();
  }

  /** What this store has committed since it opened (how many transactions carried how many appends), and its live subscriptions. */
  stats(): { transactions: number; appends: number; events: number; subscriptions: number } {
    return { ...this.counters, subscriptions: this.commitListeners.size };
  }

  /** The durability settings as the open connection reports them, not as they were asked for. */
  durability(): { journalMode: string; synchronous: 'off' | 'normal' | 'full' | 'extra' } {
    const levels = ['off', 'normal', 'full', 'extra'] as const;
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: levels[Number(this.db.pragma('synchronous', { simple: true }))] ?? 'off',
    };
  }

  async headPosition(): Promise<Position | null> {
    const row = this.statements.headPosition.get();
    return row && row.position !== null ? toPosition(row.position) : null;
  }


  async close(): Promise<void> {
    if (this.closed) return;
    // Let queued appends commit before the file is closed: they may already be promised.
    if (this.queue.length > 0) this.flush();
    this.closed = true;
    this.notifyCommitted();
    this.db.close();
  }
}
