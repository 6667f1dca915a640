/**
 * Command handling beyond the contract both stores share: the cache under
 * reads that take time (as EventStoreDB's do), eviction, giving up after
 * repeated conflicts, and keys that cannot collide.
 */
import { describe, expect, it } from 'vitest';
import { CommandHandler, scopedIdempotencyKey } from '../../src/app/command-handler.js';
import { ConcurrencyConflict } from '../../src/app/errors.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import { fold } from '../../src/domain/shared/decider.js';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '../../src/eventstore/event-store.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { collect, newEvent, sleep } from '../support/events.js';
import { type NoticeEvent, noticeboard } from '../support/noticeboard.js';

const sarah: Actor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] };
const post = (text: string) => ({ type: 'PostNotice' as const, text });

/** The real store, its stream reads slowed down as a network round trip would, and a hook before each append. */
class RemoteLikeStore implements EventStore {
  readonly kind = 'sqlite' as const;
  beforeAppend: (() => Promise<void>) | null = null;
  constructor(readonly inner: SqliteEventStore) {}
  async *readStream(stream: string, opts?: ReadStreamOptions): AsyncGenerator<RecordedEvent> {
    await sleep(3);
    for await (const event of this.inner.readStream(stream, opts)) {
      await sleep(3);
      yield event;
    }
    await sleep(3);
  }
  append: EventStore['append'] = async (...args) => {
    await this.beforeAppend?.();
    return this.inner.append(...args);
  };
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  subscribeToAll: EventStore['subscribeToAll'] = (...args) => this.inner.subscribeToAll(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  close = () => this.inner.close();
}

async function storedNotices(store: EventStore, stream: string): Promise<string[]> {
  const events = await collect(store.readStream(stream));
  return fold(noticeboard.decider, events.map((e) => e.data as unknown as NoticeEvent)).notices;
}

describe('the command handler', () => {
  it('keeps its cached fold true when a read of the stream runs while a command is appending', async () => {
    const store = new RemoteLikeStore(new SqliteEventStore({ path: ':memory:' }));
    const handler = new CommandHandler(store);
    try {
      await handler.handle(noticeboard, 'noticeboard-1', post('a'), { actor: sarah, correlationId: 'c' });
      const [, read] = await Promise.all([
        handler.handle(noticeboard, 'noticeboard-1', post('b'), { actor: sarah, correlationId: 'c' }),
        handler.read(noticeboard, 'noticeboard-1'),
      ]);
      expect(read).toEqual({ state: { notices: ['a', 'b'] }, revision: 1n });
      await handler.handle(noticeboard, 'noticeboard-1', post('c'), { actor: sarah, correlationId: 'c' });
      expect((await handler.read(noticeboard, 'noticeboard-1')).state.notices).toEqual(await storedNotices(store, 'noticeboard-1'));
      expect(await storedNotices(store, 'noticeboard-1')).toEqual(['a', 'b', 'c']);
    } finally {
      await store.close();
    }
  });

  it('decides correctly on streams it has evicted from a cache too small for them', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const handler = new CommandHandler(store, () => new Date(), { cacheSize: 2 });
    try {
      for (let round = 0; round < 3; round++) {
        for (const board of ['noticeboard-x', 'noticeboard-y', 'noticeboard-z']) {
          await handler.handle(noticeboard, board, post(`${board} ${round}`), { actor: sarah, correlationId: 'c' });
        }
      }
      const refused = await handler.handle(noticeboard, 'noticeboard-x', post('one too many'), { actor: sarah, correlationId: 'c' }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'NOTICEBOARD_FULL' });
      for (const board of ['noticeboard-x', 'noticeboard-y', 'noticeboard-z']) {
        expect((await handler.read(noticeboard, board)).state.notices).toEqual([0, 1, 2].map((r) => `${board} ${r}`));
      }
    } finally {
      await store.close();
    }
  });

  it('gives up with a conflict after its attempts, when another writer gets in first every time', async () => {
    const inner = new SqliteEventStore({ path: ':memory:' });
    const store = new RemoteLikeStore(inner);
    const handler = new CommandHandler(store, () => new Date(), { maxAttempts: 3 });
    let interruptions = 0;
    store.beforeAppend = async () => {
      interruptions += 1;
      await inner.append('noticeboard-busy', [newEvent('NoticePosted', { type: 'NoticePosted', text: `elsewhere ${interruptions}`, by: 'megan.lloyd' })], { expectedRevision: 'any' });
    };
    try {
      const refused = await handler.handle(noticeboard, 'noticeboard-busy', post('mine'), { actor: sarah, correlationId: 'c' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ConcurrencyConflict);
      expect(interruptions).toBe(3);
      expect(await storedNotices(inner, 'noticeboard-busy')).toEqual(['elsewhere 1', 'elsewhere 2', 'elsewhere 3']);
    } finally {
      await store.close();
    }
  });

  it('scopes idempotency keys so that no two callers’ keys can be mistaken for each other', () => {
    const one = scopedIdempotencyKey({ userId: 'a/b', agencyId: 'council', roles: ['partner'] }, 'c');
    const two = scopedIdempotencyKey({ userId: 'a', agencyId: 'council', roles: ['partner'] }, 'b/c');
    expect(one).not.toBe(two);
    expect(JSON.parse(one)).toEqual(['council', 'a/b', 'c']);
  });
});
