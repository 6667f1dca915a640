/**
 * Tamper evidence: someone with the SQLite file edits, removes or reorders a
 * stored event, and the verifier names the first revision that no longer holds.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { chainHash, verifyStore, verifyStreamChain } from '../../src/eventstore/chain.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { newEvent } from '../support/events.js';

const plan = 'plan-6b1f1c0e-4f2e-4d0b-9a57-3c1b2f0a9e11';
const other = 'plan-0c7d9e42-2b51-4f8a-8d0e-5a6f7b8c9d10';

/** A file holding two plans of five events each; returns its path. */
async function storeWithTwoPlans(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'casebook-tamper-')), 'store.sqlite');
  const store = new SqliteEventStore({ path });
  for (const stream of [plan, other]) {
    await store.append(stream, [newEvent('PlanOpened', { title: 'Fireworks in Thornes Park' })], { expectedRevision: 'no_stream' });
    for (let r = 1; r < 5; r++) {
      await store.append(stream, [newEvent('MeetingRecorded', { decision: `decision ${r}`, attendees: ['police', 'council'] })], { expectedRevision: BigInt(r - 1) });
    }
  }
  await store.close();
  return path;
}

function tamper(path: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    edit(db);
  } finally {
    db.close();
  }
}

async function verdictsAfter(path: string) {
  const store = new SqliteEventStore({ path });
  try {
    return { plan: await verifyStreamChain(plan, store.readStream(plan)), store: await verifyStore(store) };
  } finally {
    await store.close();
  }
}

describe('the hash chain over the SQLite file', () => {
  it('holds for an untouched file', async () => {
    const { plan: verdict, store } = await verdictsAfter(await storeWithTwoPlans());
    expect(verdict).toMatchObject({ ok: true, eventsChecked: 5, headRevision: 4n, firstBreak: null });
    expect(store).toMatchObject({ events: 10, broken: [] });
  });

  it('names the revision whose data was edited in place', async () => {
    const path = await storeWithTwoPlans();
    tamper(path, (db) =>
      db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = 2').run(JSON.stringify({ decision: 'nothing was decided', attendees: ['police'] }), plan),
    );
    const { plan: verdict, store } = await verdictsAfter(path);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBreak).toEqual({ kind: 'hash_mismatch', revision: 2n });
    expect(store.broken.map((v) => v.streamId)).toEqual([plan]);
  });

  it('names the revision whose metadata (who did it) was edited', async () => {
    const path = await storeWithTwoPlans();
    tamper(path, (db) => {
      const row = db.prepare<[string], { metadata: string }>('SELECT metadata FROM events WHERE stream_id = ? AND revision = 3').get(plan)!;
      const metadata = JSON.parse(row.metadata) as { actor: { agencyId: string } };
      metadata.actor.agencyId = 'council';
      db.prepare('UPDATE events SET metadata = ? WHERE stream_id = ? AND revision = 3').run(JSON.stringify(metadata), plan);
    });
    expect((await verdictsAfter(path)).plan.firstBreak).toEqual({ kind: 'hash_mismatch', revision: 3n });
  });

  it('names the revision where an event was removed', async () => {
    const path = await storeWithTwoPlans();
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(plan));
    expect((await verdictsAfter(path)).plan.firstBreak).toEqual({ kind: 'revision_gap', revision: 2n, expectedRevision: 1n });
  });

  it('names the first revision where two events were swapped, even with their revisions renumbered to look whole', async () => {
    const path = await storeWithTwoPlans();
    tamper(path, (db) => {
      // Swap the contents of revisions 1 and 2, keeping the revision numbers in sequence.
      const rows = db.prepare<[string], { position: number; event_id: string; data: string; metadata: string }>(
        'SELECT position, event_id, data, metadata FROM events WHERE stream_id = ? AND revision IN (1, 2) ORDER BY revision',
      ).all(plan);
      const [one, two] = rows;
      const put = db.prepare('UPDATE events SET event_id = ?, data = ?, metadata = ? WHERE position = ?');
      db.transaction(() => {
        put.run(`tmp-${one!.event_id}`, two!.data, two!.metadata, one!.position);
        put.run(one!.event_id, one!.data, one!.metadata, two!.position);
        put.run(two!.event_id, two!.data, two!.metadata, one!.position);
      })();
    });
    expect((await verdictsAfter(path)).plan.firstBreak).toEqual({ kind: 'prev_hash_mismatch', revision: 1n });
  });

  it('names a forged event appended with a made-up hash', async () => {
    const path = await storeWithTwoPlans();
    tamper(path, (db) => {
      const last = db.prepare<[string], { metadata: string }>('SELECT metadata FROM events WHERE stream_id = ? AND revision = 4').get(plan)!;
      const { hash } = JSON.parse(last.metadata) as { hash: string };
      const forged = { ...newEvent('PlanClosed', { justification: 'forged' }).metadata, prevHash: hash, hash: 'f'.repeat(64) };
      db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, hash) VALUES (?, 5, ?, ?, ?, ?, ?, ?)').run(
        plan,
        'forged-event',
        'PlanClosed',
        JSON.stringify({ justification: 'forged' }),
        JSON.stringify(forged),
        Date.now(),
        forged.hash,
      );
    });
    expect((await verdictsAfter(path)).plan.firstBreak).toEqual({ kind: 'hash_mismatch', revision: 5n });
  });

  it('names the revision after an event inserted in the middle, even one hashed correctly with the later revisions renumbered', async () => {
    const path = await storeWithTwoPlans();
    tamper(path, (db) => {
      const before = db.prepare<[string], { metadata: string }>('SELECT metadata FROM events WHERE stream_id = ? AND revision = 1').get(plan)!;
      const prevHash = (JSON.parse(before.metadata) as { hash: string }).hash;
      const inserted = newEvent('MeetingRecorded', { decision: 'a meeting that never happened', attendees: ['police'] });
      const hash = chainHash(prevHash, { streamId: plan, revision: 2n, ...inserted });
      db.transaction(() => {
        for (const revision of [4, 3, 2]) db.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?').run(revision + 1, plan, revision);
        db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, hash) VALUES (?, 2, ?, ?, ?, ?, ?, ?)').run(
          plan,
          inserted.id,
          inserted.type,
          JSON.stringify(inserted.data),
          JSON.stringify({ ...inserted.metadata, prevHash, hash }),
          Date.now(),
          hash,
        );
      })();
    });
    // The inserted event itself checks out; the one it pushed along no longer follows it.
    expect((await verdictsAfter(path)).plan).toMatchObject({ eventsChecked: 6, firstBreak: { kind: 'prev_hash_mismatch', revision: 3n } });
  });

  it('cannot see a cut tail by itself: the chain still holds, and only the head kept before tells', async () => {
    const path = await storeWithTwoPlans();
    const kept = (await verdictsAfter(path)).plan.headHash;
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE stream_id = ? AND revision >= 3').run(plan));
    const { plan: verdict } = await verdictsAfter(path);
    expect(verdict).toMatchObject({ ok: true, eventsChecked: 3, headRevision: 2n });
    expect(verdict.headHash).not.toBe(kept);
  });
});
