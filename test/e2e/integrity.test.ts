/**
 * `verifyIntegrity` through the real HTTP server, over a real SQLite file that
 * the test edits behind Casebook's back, as someone holding the file would:
 * one event edited, one deleted, two reordered, a tail cut off and a stream
 * rewritten with fresh hashes.
 *
 * The test server keeps its store in memory, and no second connection can
 * open an in-memory SQLite database. So the demo partnership is loaded into a
 * file first, copied event by event into the server's store (each append
 * recomputes the chain, and the test checks that every stream's head came out
 * the same), and the server is given a store over the file to read records'
 * streams from. Its read models are built from the identical copy, as a
 * running server's were built before someone edited its file. Nothing is
 * mocked: the file is edited with better-sqlite3, as test/eventstore/tamper.test.ts
 * does, and read back by the real SqliteEventStore.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/app/demo/load-demo.js';
import { keyringPathBeside, openCasebook } from '../../src/casebook.js';
import { chainHash, verifyStore, withoutChain } from '../../src/eventstore/chain.js';
import type { RecordedMetadata } from '../../src/eventstore/metadata.js';
import { SqlitePersonKeyring } from '../../src/eventstore/person-keyring.js';
import { type EventRow, SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { startTestServer, type TestServer, testNow } from '../support/server.js';

let dir: string;
let path: string;
let fileStore: SqliteEventStore;
let server: TestServer;
let auditor: string;
let fire: string;

/** Each demo record by its reference: its global id and its stream. */
const records = new Map<string, { id: string; streamId: string }>();

const QUERY = `query ($id: ID!, $anchoredHead: String) {
  verifyIntegrity(id: $id, anchoredHead: $anchoredHead) {
    streamId whole events lastRevision lastHash firstBrokenRevision problem checkedAt
    anchoredHead { hash reached revision eventsSince }
  }
}`;

interface Integrity {
  streamId: string;
  whole: boolean;
  events: number;
  lastRevision: number | null;
  lastHash: string | null;
  firstBrokenRevision: number | null;
  problem: string | null;
  checkedAt: string;
  anchoredHead: { hash: string; reached: boolean; revision: number | null; eventsSince: number | null } | null;
}

async function verifyIntegrity(reference: string, options: { token?: string; anchoredHead?: string } = {}): Promise<Integrity | null> {
  const { id } = record(reference);
  const response = await server.graphql(QUERY, { token: options.token ?? auditor, variables: { id, ...(options.anchoredHead ? { anchoredHead: options.anchoredHead } : {}) } });
  expect(response.body.errors).toBeUndefined();
  return (response.body.data as { verifyIntegrity: Integrity | null }).verifyIntegrity;
}

function record(reference: string): { id: string; streamId: string } {
  const found = records.get(reference);
  if (!found) throw new Error(`no demo record ${reference}`);
  return found;
}

function tamper(edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    db.transaction(() => edit(db))();
  } finally {
    db.close();
  }
}

function rows(db: Database.Database, streamId: string): EventRow[] {
  return db.prepare<[string], EventRow>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(streamId);
}

function storedHead(streamId: string): { revision: number; hash: string } {
  const db = new Database(path, { readonly: true });
  try {
    const last = rows(db, streamId).at(-1)!;
    return { revision: last.revision, hash: last.hash };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casebook-integrity-'));
  path = join(dir, 'casebook.sqlite');
  const seeding = await openCasebook({ store: new SqliteEventStore({ path }), clock: () => testNow, projections: [] });
  await loadDemoData(seeding);
  await seeding.close();

  fileStore = new SqliteEventStore({ path });
  server = await startTestServer({
    seed: async (memory) => {
      for await (const event of fileStore.readAll()) {
        const expectedRevision = event.revision === 0n ? ('no_stream' as const) : event.revision - 1n;
        await memory.append(event.streamId, [{ id: event.id, type: event.type, data: event.data, metadata: withoutChain(event.metadata) }], { expectedRevision });
      }
      const [copy, original] = [await verifyStore(memory), await verifyStore(fileStore)];
      expect(copy.streams.map((s) => [s.streamId, s.headHash])).toEqual(original.streams.map((s) => [s.streamId, s.headHash]));
    },
    // The events copied as written, sealed under the file's keyring: the server opens them with the same keys.
    keyring: new SqlitePersonKeyring(keyringPathBeside(path)),
    // Integrity is checked on the file, where the tests tamper.
    casebook: (opened) => ({ ...opened, storeAsWritten: fileStore }),
  });
  auditor = await server.token({ userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'], name: 'Olivia Grant' });
  fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'], name: 'Station Manager Tom Reilly' });

  const listed = await server.graphql(
    '{ plans(first: 100) { edges { node { id reference } } } asbCases(first: 100) { edges { node { id reference } } } actions(first: 100) { edges { node { id reference } } } }',
    { token: auditor },
  );
  const data = listed.body.data as Record<'plans' | 'asbCases' | 'actions', { edges: Array<{ node: { id: string; reference: string } }> }>;
  for (const list of [data.plans, data.asbCases, data.actions]) {
    for (const { node } of list.edges) {
      const [typename, uuid] = Buffer.from(node.id, 'base64').toString('utf8').split(':') as [string, string];
      const category = { Plan: 'plan', AsbCase: 'asbcase', Action: 'action' }[typename]!;
      records.set(node.reference, { id: node.id, streamId: `${category}-${uuid}` });
    }
  }
}, 30_000);

afterAll(async () => {
  await server?.close();
  await fileStore?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('verifyIntegrity', () => {
  it('finds a demo plan whole, with its events, last revision and hash as stored, checked at the server’s time', async () => {
    const { streamId } = record('PSP-2026-0001');
    const head = storedHead(streamId);
    expect(await verifyIntegrity('PSP-2026-0001')).toEqual({
      streamId,
      whole: true,
      events: head.revision + 1,
      lastRevision: head.revision,
      lastHash: head.hash,
      firstBrokenRevision: null,
      problem: null,
      checkedAt: testNow.toISOString(),
      anchoredHead: null,
    });
    // A partner on the plan may check it too (the council takes part in every demo plan but one; this one it does).
    expect(await verifyIntegrity('PSP-2026-0001', { token: await server.token() })).toMatchObject({ whole: true, lastHash: head.hash });
  });

  it('checks ASB cases and actions the same way', async () => {
    for (const reference of ['ASB-2026-0001', 'ACT-2026-0001']) {
      const { streamId } = record(reference);
      expect(await verifyIntegrity(reference)).toMatchObject({ streamId, whole: true, lastHash: storedHead(streamId).hash });
    }
  });

  it('says a kept head is still reached, at which revision, and how many events came after it', async () => {
    const { streamId } = record('PSP-2026-0001');
    const head = storedHead(streamId);
    expect((await verifyIntegrity('PSP-2026-0001', { anchoredHead: head.hash }))!).toMatchObject({
      whole: true,
      anchoredHead: { hash: head.hash, reached: true, revision: head.revision, eventsSince: 0 },
    });
    const db = new Database(path, { readonly: true });
    const earlier = rows(db, streamId)[head.revision - 5]!;
    db.close();
    expect((await verifyIntegrity('PSP-2026-0001', { anchoredHead: earlier.hash.toUpperCase() }))!.anchoredHead).toEqual({
      hash: earlier.hash,
      reached: true,
      revision: head.revision - 5,
      eventsSince: 5,
    });
  });

  it('names the revision of an event edited in the file', async () => {
    const { streamId } = record('PSP-2026-0002');
    const before = storedHead(streamId);
    tamper((db) => {
      const row = rows(db, streamId)[2]!;
      const data = JSON.parse(row.data) as Record<string, unknown>;
      expect(db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...data, tampered: true }), row.position).changes).toBe(1);
    });
    expect(await verifyIntegrity('PSP-2026-0002')).toMatchObject({
      whole: false,
      events: before.revision + 1,
      lastRevision: before.revision,
      lastHash: before.hash,
      firstBrokenRevision: 2,
      problem: 'Revision 2 was altered after it was written.',
    });
  });

  it('names the revision of an event deleted from the file', async () => {
    const { streamId } = record('PSP-2026-0003');
    const before = storedHead(streamId);
    tamper((db) => expect(db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(streamId).changes).toBe(1));
    expect(await verifyIntegrity('PSP-2026-0003')).toMatchObject({
      whole: false,
      events: before.revision,
      lastRevision: before.revision,
      firstBrokenRevision: 1,
      problem: 'Revision 1 is missing or out of order (found 2 in its place).',
    });
  });

  it('names the first revision of two events swapped in the file, even with their revisions renumbered to look whole', async () => {
    const { streamId } = record('ASB-2026-0002');
    tamper((db) => {
      const [three, four] = rows(db, streamId).slice(3, 5);
      const put = db.prepare('UPDATE events SET event_id = ?, type = ?, data = ?, metadata = ?, hash = ? WHERE position = ?');
      put.run(`tmp-${three!.event_id}`, four!.type, four!.data, four!.metadata, four!.hash, three!.position);
      put.run(three!.event_id, three!.type, three!.data, three!.metadata, three!.hash, four!.position);
      put.run(four!.event_id, four!.type, four!.data, four!.metadata, four!.hash, three!.position);
    });
    expect(await verifyIntegrity('ASB-2026-0002')).toMatchObject({
      whole: false,
      firstBrokenRevision: 3,
      problem: 'Revision 3 does not follow the hash of the event before it (an event was removed, inserted or reordered).',
    });
  });

  it('finds a cut tail whole by the chain alone, and caught against the head kept before', async () => {
    const kept = (await verifyIntegrity('ASB-2026-0003'))!;
    expect(kept.whole).toBe(true);
    const { streamId } = record('ASB-2026-0003');
    tamper((db) => expect(db.prepare('DELETE FROM events WHERE stream_id = ? AND revision > ?').run(streamId, kept.lastRevision! - 2).changes).toBe(2));

    // What the chain cannot see: the stream still holds together, two events shorter.
    expect(await verifyIntegrity('ASB-2026-0003')).toMatchObject({ whole: true, events: kept.events - 2, lastRevision: kept.lastRevision! - 2, problem: null });
    expect(await verifyIntegrity('ASB-2026-0003', { anchoredHead: kept.lastHash! })).toMatchObject({
      whole: false,
      events: kept.events - 2,
      firstBrokenRevision: null,
      problem: `The stream does not reach the head you kept (${kept.lastHash!.slice(0, 12)}…): events were cut from its end, or the stream was rewritten. The chain alone cannot say from which revision.`,
      anchoredHead: { hash: kept.lastHash, reached: false, revision: null, eventsSince: null },
    });
  });

  it('finds a stream rewritten with fresh hashes whole by the chain alone, and caught against the head kept before', async () => {
    const kept = (await verifyIntegrity('ACT-2026-0005'))!;
    const { streamId } = record('ACT-2026-0005');
    // Someone who holds the file and knows the recipe edits revision 1 and recomputes every hash from there.
    tamper((db) => {
      const stored = rows(db, streamId);
      let prevHash = stored[0]!.hash;
      for (const row of stored.slice(1)) {
        const data = row.revision === 1 ? { ...(JSON.parse(row.data) as Record<string, unknown>), rewritten: true } : JSON.parse(row.data);
        const metadata = withoutChain(JSON.parse(row.metadata) as RecordedMetadata);
        const hash = chainHash(prevHash, { streamId, revision: BigInt(row.revision), id: row.event_id, type: row.type, data, metadata });
        db.prepare('UPDATE events SET data = ?, metadata = ?, hash = ? WHERE position = ?').run(JSON.stringify(data), JSON.stringify({ ...metadata, prevHash, hash }), hash, row.position);
        prevHash = hash;
      }
    });
    const rewritten = (await verifyIntegrity('ACT-2026-0005'))!;
    expect(rewritten).toMatchObject({ whole: true, events: kept.events, lastRevision: kept.lastRevision });
    expect(rewritten.lastHash).not.toBe(kept.lastHash);
    expect(await verifyIntegrity('ACT-2026-0005', { anchoredHead: kept.lastHash! })).toMatchObject({
      whole: false,
      firstBrokenRevision: null,
      anchoredHead: { reached: false, revision: null },
    });
  });

  it('answers null to an outsider, as for a record that does not exist, and for an id of another kind', async () => {
    // The fire service takes no part in the street-drinking plan or its case, nor in its actions.
    const plan = await server.graphql('query ($id: ID!) { plan(id: $id) { id } }', { token: fire, variables: { id: record('PSP-2026-0005').id } });
    expect(plan.body).toEqual({ data: { plan: null } });
    expect(await verifyIntegrity('PSP-2026-0005', { token: fire })).toBeNull();
    // …while a record it takes part in answers.
    expect(await verifyIntegrity('PSP-2026-0001', { token: fire })).toMatchObject({ whole: true });

    const never = Buffer.from('Plan:00000000-0000-4000-8000-000000000000').toString('base64');
    const neighbourhood = Buffer.from('Neighbourhood:4ad4c808-deab-55d9-a24a-626efc45d2ea').toString('base64');
    for (const id of [never, neighbourhood]) {
      const response = await server.graphql('query ($id: ID!) { verifyIntegrity(id: $id) { whole } }', { token: auditor, variables: { id } });
      expect(response.body).toEqual({ data: { verifyIntegrity: null } });
    }
  });

  it('refuses a kept head that is not a sha-256 hash, rather than call the stream broken', async () => {
    const response = await server.graphql(QUERY, { token: auditor, variables: { id: record('PSP-2026-0004').id, anchoredHead: 'a8d52382a75a9f23' } });
    expect(response.body.data).toEqual({ verifyIntegrity: null });
    expect(response.body.errors).toMatchObject([
      { message: 'anchoredHead: a head hash is 64 hexadecimal characters, as `casebook verify --heads` prints it', extensions: { code: 'BAD_USER_INPUT' } },
    ]);
  });
});
