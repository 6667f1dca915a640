/**
 * The EventStore contract: one suite, run against every adapter. An adapter
 * that passes it can replace another without Casebook noticing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStreamChain } from '../../src/eventstore/chain.js';
import { type EventStore, type RecordedEvent, WrongExpectedVersion } from '../../src/eventstore/event-store.js';
import { collect, newEvent, sleep, uniqueStream } from '../support/events.js';

async function expectWrongVersion(promise: Promise<unknown>): Promise<WrongExpectedVersion> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersion);
  return error as WrongExpectedVersion;
}

export function eventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    // EventStoreDB's $all is shared with other runs: every test names its own streams under one run prefix.
    const run = `contract${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const stream = (label: string) => `${run}_${label}-${randomUUID()}`;

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('appends to a new stream at revision 0 and reads it back', async () => {
      const s = stream('new');
      const event = newEvent('PlanOpened', { title: 'Bonfire night disorder' });
      const result = await store.append(s, [event], { expectedRevision: 'no_stream' });
      expect(result.nextRevision).toBe(0n);
      const read = await collect(store.readStream(s));
      expect(read).toHaveLength(1);
      expect(read[0]).toMatchObject({ id: event.id, type: 'PlanOpened', streamId: s, revision: 0n, data: { title: 'Bonfire night disorder' } });
      expect(read[0]!.position).toEqual(result.position);
      expect(read[0]!.metadata).toMatchObject(event.metadata);
      expect(read[0]!.recordedAt).toBeInstanceOf(Date);
    });

    it('reads a stream that does not exist as empty', async () => {
      expect(await collect(store.readStream(stream('missing')))).toEqual([]);
    });

    it('appends at an exact revision', async () => {
      const s = stream('exact');
      await store.append(s, [newEvent('A'), newEvent('B')], { expectedRevision: 'no_stream' });
      const result = await store.append(s, [newEvent('C')], { expectedRevision: 1n });
      expect(result.nextRevision).toBe(2n);
      expect((await collect(store.readStream(s))).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('refuses a wrong expected revision, naming both revisions, and writes nothing', async () => {
      const s = stream('wrong');
      await store.append(s, [newEvent('A'), newEvent('B')], { expectedRevision: 'no_stream' });
      const stale = await expectWrongVersion(store.append(s, [newEvent('X')], { expectedRevision: 0n }));
      expect(stale.expected).toBe(0n);
      expect(stale.actual).toBe(1n);
      expect(stale.message).toContain('0');
      expect(stale.message).toContain('1');
      const exists = await expectWrongVersion(store.append(s, [newEvent('X')], { expectedRevision: 'no_stream' }));
      expect(exists.actual).toBe(1n);
      const missing = await expectWrongVersion(store.append(stream('absent'), [newEvent('X')], { expectedRevision: 3n }));
      expect(missing.actual).toBe('no_stream');
      expect((await collect(store.readStream(s))).map((e) => e.type)).toEqual(['A', 'B']);
    });

    it("appends with 'any' to a new or existing stream", async () => {
      const s = stream('any');
      expect((await store.append(s, [newEvent('A')], { expectedRevision: 'any' })).nextRevision).toBe(0n);
      expect((await store.append(s, [newEvent('B'), newEvent('C')], { expectedRevision: 'any' })).nextRevision).toBe(2n);
      expect((await store.append(s, [newEvent('D')], { expectedRevision: 'stream_exists' })).nextRevision).toBe(3n);
    });

    it('keeps per-stream order and reads from a revision with a count', async () => {
      const s = stream('order');
      for (let i = 0; i < 5; i++) {
        await store.append(s, [newEvent('Step', { n: i * 2 }), newEvent('Step', { n: i * 2 + 1 })], { expectedRevision: i === 0 ? 'no_stream' : BigInt(i * 2 - 1) });
      }
      const all = await collect(store.readStream(s));
      expect(all.map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(all.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
      const slice = await collect(store.readStream(s, { fromRevision: 3n, maxCount: 4 }));
      expect(slice.map((e) => e.data.n)).toEqual([3, 4, 5, 6]);
    });

    it('chains every event to the one before it', async () => {
      const s = stream('chain');
      await store.append(s, [newEvent('A', { v: 1 })], { expectedRevision: 'no_stream' });
      await store.append(s, [newEvent('B', { v: 2 }), newEvent('C', { v: 3 })], { expectedRevision: 'any' });
      const events = await collect(store.readStream(s));
      expect(events[0]!.metadata.prevHash).toBe('0'.repeat(64));
      expect(events[1]!.metadata.prevHash).toBe(events[0]!.metadata.hash);
      expect(events[2]!.metadata.prevHash).toBe(events[1]!.metadata.hash);
      const verdict = await verifyStreamChain(s, store.readStream(s));
      expect(verdict).toMatchObject({ ok: true, eventsChecked: 3, headRevision: 2n, headHash: events[2]!.metadata.hash, firstBreak: null });
    });

    it('orders $all globally across streams, in commit order', async () => {
      const a = stream('globalA');
      const b = stream('globalB');
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const event = newEvent('Tick', { i });
        ids.push(event.id);
        await store.append(i % 2 === 0 ? a : b, [event], { expectedRevision: 'any' });
      }
      const ours = (await collect(store.readAll())).filter((e) => e.streamId === a || e.streamId === b);
      expect(ours.map((e) => e.id)).toEqual(ids);
      for (let i = 1; i < ours.length; i++) expect(ours[i]!.position.commit > ours[i - 1]!.position.commit).toBe(true);
    });

    it('reads $all from a position, including that position', async () => {
      const s = stream('from');
      await store.append(s, [newEvent('A'), newEvent('B'), newEvent('C')], { expectedRevision: 'no_stream' });
      const [, second] = await collect(store.readStream(s));
      const after = await collect(store.readAll({ fromPosition: second!.position, maxCount: 2 }));
      expect(after.map((e) => e.id)).toEqual((await collect(store.readStream(s, { fromRevision: 1n }))).map((e) => e.id));
    });

    it('delivers history then live events to a catch-up subscription, with no gap and no duplicate', async () => {
      const prefix = `${run}_sub${randomUUID().slice(0, 8)}-`;
      const streams = [0, 1, 2].map((i) => `${prefix}${i}`);
      const before = await store.headPosition();
      for (let i = 0; i < 30; i++) await store.append(streams[i % 3]!, [newEvent('Before', { i })], { expectedRevision: 'any' });
      const subscription = store.subscribeToAll({ ...(before ? { fromPosition: before } : {}), filter: { streamPrefixes: [prefix] } });
      const received: RecordedEvent[] = [];
      const done = (async () => {
        for await (const event of subscription) {
          received.push(event);
          if (received.length === 90) break;
        }
      })();
      // Live appends race with the catch-up: many arrive while history is still being delivered.
      const writers = streams.map(async (s, w) => {
        for (let i = 0; i < 20; i++) {
          await store.append(s, [newEvent('Live', { w, i })], { expectedRevision: 'any' });
          if (i % 5 === 0) await sleep(1);
        }
      });
      await Promise.all(writers);
      await Promise.race([done, sleep(15_000).then(() => Promise.reject(new Error(`only ${received.length} of 90 events arrived`)))]);
      await subscription.close();
      const expected = (await collect(store.readAll({ ...(before ? { fromPosition: before } : {}) }))).filter((e) => e.streamId.startsWith(prefix));
      expect(received.map((e) => e.id)).toEqual(expected.map((e) => e.id));
      expect(new Set(received.map((e) => e.id)).size).toBe(90);
      expect(received.filter((e) => e.type === 'Before')).toHaveLength(30);
    });

    it('lets exactly one of 20 concurrent writers win each revision, and loses nothing acknowledged', async () => {
      const s = stream('race');
      const acknowledged: string[] = [];
      for (let round = 0; round < 10; round++) {
        const expectedRevision = round === 0 ? ('no_stream' as const) : BigInt(round - 1);
        const attempts = Array.from({ length: 20 }, (_, w) => {
          const event = newEvent('Claimed', { round, writer: w });
          return store.append(s, [event], { expectedRevision }).then(
            () => ({ won: true as const, id: event.id }),
            (error: unknown) => ({ won: false as const, error }),
          );
        });
        const outcomes = await Promise.all(attempts);
        const winners = outcomes.filter((o) => o.won);
        expect(winners).toHaveLength(1);
        for (const loser of outcomes.filter((o) => !o.won)) {
          expect(loser.error).toBeInstanceOf(WrongExpectedVersion);
          expect((loser.error as WrongExpectedVersion).actual).toBe(BigInt(round));
        }
        acknowledged.push(winners[0]!.id);
      }
      // Then 20 writers that retry on conflict until each has appended 5 events.
      const retrying = Array.from({ length: 20 }, async (_, w) => {
        for (let i = 0; i < 5; i++) {
          const event = newEvent('Appended', { writer: w, i });
          for (;;) {
            const head = (await collect(store.readStream(s))).at(-1)!.revision;
            try {
              await store.append(s, [event], { expectedRevision: head });
              acknowledged.push(event.id);
              break;
            } catch (error) {
              if (!(error instanceof WrongExpectedVersion)) throw error;
            }
          }
        }
      });
      await Promise.all(retrying);
      const stored = await collect(store.readStream(s));
      expect(stored).toHaveLength(110);
      expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: 110 }, (_, i) => BigInt(i)));
      expect(new Set(stored.map((e) => e.id))).toEqual(new Set(acknowledged));
      expect((await verifyStreamChain(s, store.readStream(s))).ok).toBe(true);
    }, 60_000);

    it('reads a stream as it stood at an instant', async () => {
      const s = stream('instant');
      await store.append(s, [newEvent('A')], { expectedRevision: 'no_stream' });
      await sleep(5);
      await store.append(s, [newEvent('B')], { expectedRevision: 0n });
      const [, b] = await collect(store.readStream(s));
      await sleep(20);
      await store.append(s, [newEvent('C')], { expectedRevision: 1n });
      expect((await collect(store.readStream(s, { until: b!.recordedAt }))).map((e) => e.type)).toEqual(['A', 'B']);
      expect(await collect(store.readStream(s, { until: new Date(b!.recordedAt.getTime() - 100_000) }))).toEqual([]);
      expect(await collect(store.readStream(s, { until: new Date(Date.now() + 60_000) }))).toHaveLength(3);
    });

    it('knows the head of $all', async () => {
      const s = stream('head');
      const result = await store.append(s, [newEvent('A')], { expectedRevision: 'no_stream' });
      expect(await store.headPosition()).toEqual(result.position);
    });
  });
}

export { uniqueStream };
