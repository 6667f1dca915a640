/**
 * What only the embedded store promises, beyond the contract: group commit,
 * all-or-nothing appends inside a shared transaction, and a file layout it
 * never misreads.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WrongExpectedVersion } from '../../src/eventstore/event-store.js';
import { DuplicateEventId, SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { collect, newEvent } from '../support/events.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'casebook-sqlite-')), 'store.sqlite');

describe('the embedded store', () => {
  it('commits appends that arrive together in one transaction, and answers each after it', async () => {
    const store = new SqliteEventStore({ path: tempFile() });
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.append(`plan-${i}`, [newEvent('PlanOpened'), newEvent('OwnerAssigned')], { expectedRevision: 'no_stream' })),
      );
      expect(store.stats()).toEqual({ transactions: 1, appends: 50, events: 100 });
      expect(new Set(results.map((r) => r.position.commit)).size).toBe(50);
      await store.append('plan-0', [newEvent('MeetingRecorded')], { expectedRevision: 1n });
      expect(store.stats().transactions).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('fails only the append that breaks a rule, writing none of it, while its neighbours in the transaction commit', async () => {
    const store = new SqliteEventStore({ path: tempFile() });
    try {
      const taken = newEvent('PlanOpened');
      await store.append('plan-a', [taken], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled([
        store.append('plan-b', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' }),
        // Its second event reuses an id already stored: the first must not be left behind.
        store.append('plan-c', [newEvent('PlanOpened'), { ...newEvent('OwnerAssigned'), id: taken.id }], { expectedRevision: 'no_stream' }),
        store.append('plan-d', [{ ...newEvent('PlanOpened'), id: taken.id }], { expectedRevision: 'no_stream' }),
        store.append('plan-a', [newEvent('Stale')], { expectedRevision: 5n }),
        store.append('plan-e', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventId);
      expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventId);
      expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
      expect(store.stats()).toMatchObject({ transactions: 2, appends: 3 });
      expect(await collect(store.readStream('plan-c'))).toEqual([]);
      expect(await collect(store.readStream('plan-d'))).toEqual([]);
      expect((await collect(store.readAll())).map((e) => e.streamId)).toEqual(['plan-a', 'plan-b', 'plan-e']);
    } finally {
      await store.close();
    }
  });

  it('refuses a file written in another layout, saying what to do, and leaves it untouched', async () => {
    const path = tempFile();
    const old = new Database(path);
    old.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT)');
    old.close();
    expect(() => new SqliteEventStore({ path })).toThrow(/layout 0, and this Casebook reads layout 1.*move it aside/);
    const check = new Database(path);
    expect(check.prepare("SELECT sql FROM sqlite_master WHERE name = 'events'").pluck().get()).toBe('CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT)');
    check.close();
  });

  it('opens its own file again', async () => {
    const path = tempFile();
    const first = new SqliteEventStore({ path });
    await first.append('plan-a', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' });
    await first.close();
    const again = new SqliteEventStore({ path });
    try {
      expect((await again.append('plan-a', [newEvent('OwnerAssigned')], { expectedRevision: 0n })).nextRevision).toBe(1n);
    } finally {
      await again.close();
    }
  });
});
