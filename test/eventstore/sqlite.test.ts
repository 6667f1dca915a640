/**
 * What only the embedded store promises, beyond the contract: group commit,
 * all-or-nothing appends inside a shared transaction, and a file layout it
 * never misreads.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type JsonObject, WrongExpectedVersion } from '../../src/eventstore/event-store.js';
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
      expect(store.stats()).toEqual({ transactions: 1, appends: 50, events: 100, subscriptions: 0 });
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

  it('runs with the WAL and synchronous=FULL on the open connection, so a commit is on disk before it answers', async () => {
    const store = new SqliteEventStore({ path: tempFile() });
    try {
      expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 'full' });
    } finally {
      await store.close();
    }
  });

  it('fails only the append whose event cannot be stored when the transaction survives it', async () => {
    const store = new SqliteEventStore({ path: tempFile() });
    try {
      const unserialisable = { ...newEvent('PlanOpened'), data: { when: 10n } as unknown as JsonObject };
      const outcomes = await Promise.allSettled([
        store.append('plan-a', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' }),
        store.append('plan-b', [unserialisable], { expectedRevision: 'no_stream' }),
        store.append('plan-c', [newEvent('PlanOpened'), unserialisable], { expectedRevision: 'no_stream' }),
        store.append('plan-d', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect((await collect(store.readAll())).map((e) => e.streamId)).toEqual(['plan-a', 'plan-d']);
    } finally {
      await store.close();
    }
  });

  it('fails every append of a batch when the disk fills and SQLite gives up the transaction, and commits none of them', async () => {
    const store = new SqliteEventStore({ path: tempFile() });
    try {
      await store.append('plan-a', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' });
      // A full disk, on the real store's own connection: it may grow by a few pages only.
      const db = (store as unknown as { db: Database.Database }).db;
      const pages = Number(db.pragma('page_count', { simple: true }));
      db.pragma(`max_page_count = ${pages + 3}`);
      const large = newEvent('AnalysisRecorded', { text: 'x'.repeat(64 * 1024) });
      const outcomes = await Promise.allSettled([
        store.append('plan-b', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' }),
        store.append('plan-c', [large], { expectedRevision: 'no_stream' }),
        store.append('plan-d', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' }),
      ]);
      const statuses = outcomes.map((o) => o.status);
      db.pragma('max_page_count = 1073741823');
      const stored = (await collect(store.readAll())).map((e) => e.streamId);
      // SQLite gave the transaction up: the whole batch failed, and none of it is stored (plan-d did not commit on its own).
      expect(statuses).toEqual(['rejected', 'rejected', 'rejected']);
      expect(outcomes.map((o) => String((o as PromiseRejectedResult).reason))).toEqual(Array(3).fill('SqliteError: database or disk is full'));
      expect(stored).toEqual(['plan-a']);
      // And the store goes on.
      await store.append('plan-e', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' });
    } finally {
      await store.close();
    }
  });

  it('keeps one commit listener per live subscription and none after it closes', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    try {
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      const first = iterator.next();
      await store.append('plan-a', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' });
      expect((await first).value).toMatchObject({ streamId: 'plan-a' });
      expect(store.stats().subscriptions).toBe(1);
      await subscription.close();
      expect(store.stats().subscriptions).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('refuses to open a missing file when told it must exist, creating nothing', () => {
    const path = tempFile();
    expect(() => new SqliteEventStore({ path, mustExist: true })).toThrow(`There is no event store at ${path}`);
    expect(existsSync(path)).toBe(false);
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
