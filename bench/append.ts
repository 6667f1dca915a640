/**
 * The append benchmark: what the embedded store commits durably, alone and
 * through command handling with group commit, against raw better-sqlite3 on the
 * same rows, and how fast `$all` reads back.
 *
 * Every phase runs on its own fresh file under os.tmpdir(), opened by
 * SqliteEventStore (WAL, synchronous=FULL) or with the same pragmas.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CommandHandler } from '../src/app/command-handler.js';
import { PersonalDataSealingStore } from '../src/app/personal-data-sealing.js';
import { SqlitePersonKeyring } from '../src/eventstore/person-keyring.js';
import type { Actor } from '../src/domain/shared/actor.js';
import type { NewEvent } from '../src/eventstore/event-store.js';
import type { EventMetadata } from '../src/eventstore/metadata.js';
import { type EventRow, SQLITE_PRAGMAS, SqliteEventStore } from '../src/eventstore/sqlite.js';
import { type Benchmark, type BenchReport, type BenchRow, eventsPerSecond, formatRate, measure, now } from './measure.js';
import { benchNotes } from './notes.js';

/** Sequential single-event appends, each awaited (one fsync each). */
const SINGLE_APPENDS = 5_000;
/** Concurrent writers for group commit, each on its own stream. */
const WRITERS = 32;
const COMMANDS_PER_WRITER = 2_000;
/** Raw baseline: rows per transaction, the group size of the group-commit phase. */
const RAW_BATCH = WRITERS;

const TARGET_GROUP_EVENTS_PER_S = 20_000;
const TARGET_GROUP_VS_RAW = 0.3;
const TARGET_READ_ALL_EVENTS_PER_S = 150_000;

const actor: Actor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] };
const NOTE = 'Walked the footpath behind the parade with housing; residents say the lights are out again and the gate is broken.';

/** The metadata shape CommandHandler writes, for the phase that appends directly. */
function metadataFor(i: number): EventMetadata {
  return {
    actor: { userId: actor.userId, agencyId: actor.agencyId, roles: [...actor.roles] },
    correlationId: `bench-${i}`,
    causationId: randomUUID(),
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
  };
}

/** A stored row without its position, which the raw insert lets SQLite assign. */
type RawRow = Omit<EventRow, 'position'>;

async function singleCommits(path: string): Promise<BenchRow> {
  const store = new SqliteEventStore({ path });
  try {
    const stream = `plan-${randomUUID()}`;
    return await measure('1. durable single-event append (1 writer)', async ({ latency }) => {
      for (let i = 0; i < SINGLE_APPENDS; i++) {
        const event: NewEvent = {
          id: randomUUID(),
          type: 'NoteRecorded',
          data: { type: 'NoteRecorded', text: `${NOTE} #${i}`, by: actor.userId, agencyId: actor.agencyId },
          metadata: metadataFor(i),
        };
        const started = now();
        await store.append(stream, [event], { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
        latency.record(now() - started);
      }
      return SINGLE_APPENDS;
    });
  } finally {
    await store.close();
  }
}

/** `keyed`: every command carries an idempotency key, as API mutations may; the key's check and fingerprint cost is what it adds. */
async function groupCommits(path: string, keyed: boolean): Promise<BenchRow> {
  // As the application writes: through the personal-data sealing over the store (a note carries no person, so this is its pass-through cost).
  const store = new PersonalDataSealingStore(new SqliteEventStore({ path }), new SqlitePersonKeyring(':memory:'));
  try {
    const handler = new CommandHandler(store);
    return await measure(keyed ? `2b. the same, each command with an idempotency key` : `2. CommandHandler.handle, ${WRITERS} writers`, async ({ latency }) => {
      const writer = async (w: number): Promise<void> => {
        const stream = `plan-${randomUUID()}`;
        for (let i = 0; i < COMMANDS_PER_WRITER; i++) {
          const started = now();
          await handler.handle(
            benchNotes,
            stream,
            { type: 'RecordNote', text: `${NOTE} #${i}` },
            { actor, correlationId: `bench-${w}-${i}`, ...(keyed ? { idempotencyKey: `note-${w}-${i}` } : {}) },
          );
          latency.record(now() - started);
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      return WRITERS * COMMANDS_PER_WRITER;
    });
  } finally {
    await store.close();
  }
}

/** The rows phase 2 stored, in commit order, hashes and all. */
function storedRows(path: string): RawRow[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[], RawRow>('SELECT stream_id, revision, event_id, type, data, metadata, recorded_at, hash FROM events ORDER BY position')
      .all();
  } finally {
    db.close();
  }
}

async function rawBaseline(path: string, rows: readonly RawRow[]): Promise<BenchRow> {
  // The store creates the schema and sets WAL; then it steps aside.
  await new SqliteEventStore({ path }).close();
  const db = new Database(path);
  try {
    for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
    const insert = db.prepare<[string, number, string, string, string, string, number, string]>(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertBatch = db.transaction((batch: readonly RawRow[]) => {
      for (const r of batch) insert.run(r.stream_id, r.revision, r.event_id, r.type, r.data, r.metadata, r.recorded_at, r.hash);
    });
    return await measure(`3. raw better-sqlite3, batches of ${RAW_BATCH}`, ({ latency, rss }) => {
      for (let i = 0; i < rows.length; i += RAW_BATCH) {
        const started = now();
        insertBatch.immediate(rows.slice(i, i + RAW_BATCH));
        latency.record(now() - started);
        if ((i / RAW_BATCH) % 64 === 0) rss.sample();
      }
      return rows.length;
    });
  } finally {
    db.close();
  }
}

async function readAll(path: string): Promise<BenchRow> {
  // As the projections read: through the personal-data sealing.
  const store = new PersonalDataSealingStore(new SqliteEventStore({ path }), new SqlitePersonKeyring(':memory:'));
  try {
    return await measure('4. readAll $all (parse data + metadata)', async ({ rss }) => {
      let count = 0;
      let bytes = 0;
      for await (const event of store.readAll()) {
        count += 1;
        // Touch what was parsed so nothing can be skipped.
        bytes += event.metadata.hash.length + event.type.length;
        if (count % 4096 === 0) rss.sample();
      }
      if (bytes === 0) throw new Error('nothing read');
      return count;
    });
  } finally {
    await store.close();
  }
}

/**
 * Between phases: flush what the last phase left dirty in the page cache, so
 * its write-back does not compete with the next phase's commits.
 */
async function settle(): Promise<void> {
  try {
    execFileSync('sync');
  } catch {
    // No sync(1) here: the pause alone will do.
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
  try {
    const single = await singleCommits(join(dir, 'single.sqlite'));
    const groupPath = join(dir, 'group.sqlite');
    await settle();
    const group = await groupCommits(groupPath, false);
    const rows = storedRows(groupPath);
    await settle();
    const keyed = await groupCommits(join(dir, 'keyed.sqlite'), true);
    if (rows.length !== group.count) throw new Error(`phase 2 stored ${rows.length} events, expected ${group.count}`);
    await settle();
    const raw = await rawBaseline(join(dir, 'raw.sqlite'), rows);
    await settle();
    const read = await readAll(groupPath);
    if (read.count !== group.count) throw new Error(`readAll returned ${read.count} events, expected ${group.count}`);

    const groupRate = eventsPerSecond(group);
    const rawRate = eventsPerSecond(raw);
    const readRate = eventsPerSecond(read);
    const ratio = groupRate / rawRate;
    const avgData = rows.reduce((n, r) => n + r.data.length, 0) / rows.length;
    const avgMetadata = rows.reduce((n, r) => n + r.metadata.length, 0) / rows.length;
    return {
      title: 'append: embedded SQLite store, file-backed',
      rows: [single, group, keyed, raw, read],
      notes: [
        `files under ${tmpdir()}, one fresh file per phase, pragmas as the store sets them: ${SQLITE_PRAGMAS.join(', ')}; 4 reads the file 2 wrote. 2 and 4 go through the personal-data sealing, as the application does.`,
        `2: ${WRITERS} writers x ${COMMANDS_PER_WRITER} RecordNote commands, one event each; latency per command. 2b: the same with an idempotency key on every command (no target).`,
        `3: the ${rows.length} rows 2 stored (same columns, payloads and metadata, hashes precomputed: copied from 2), ` +
          `events table only, one transaction per ${RAW_BATCH} rows; latency per batch.`,
        `rows: data ${avgData.toFixed(0)} chars, metadata ${avgMetadata.toFixed(0)} chars on average.`,
        `ratio group-committed / raw batched: ${ratio.toFixed(3)} (${formatRate(groupRate)} / ${formatRate(rawRate)} events/s); ` +
          `${formatRate(TARGET_GROUP_EVENTS_PER_S)} events/s would be ${(TARGET_GROUP_EVENTS_PER_S / rawRate).toFixed(3)} of this run's raw rate.`,
        `peak RSS is the whole process's, so a later phase never reads lower than the memory an earlier one kept.`,
      ],
      targets: [
        {
          description: `group-committed appends >= ${formatRate(TARGET_GROUP_EVENTS_PER_S)} events/s`,
          met: groupRate >= TARGET_GROUP_EVENTS_PER_S,
          figure: `${formatRate(groupRate)} events/s`,
        },
        {
          description: `group-committed appends >= ${TARGET_GROUP_VS_RAW} of raw batched`,
          met: ratio >= TARGET_GROUP_VS_RAW,
          figure: `${ratio.toFixed(3)}`,
        },
        {
          description: `reading $all >= ${formatRate(TARGET_READ_ALL_EVENTS_PER_S)} events/s`,
          met: readRate >= TARGET_READ_ALL_EVENTS_PER_S,
          figure: `${formatRate(readRate)} events/s`,
        },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = { name: 'append', run };
