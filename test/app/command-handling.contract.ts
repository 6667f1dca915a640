import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler, newEntityId } from '../../src/app/command-handler.js';
import { ConcurrencyConflict, InputValidationError } from '../../src/app/errors.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';
import type { EventStore } from '../../src/eventstore/event-store.js';
import { collect } from '../support/events.js';
import { noticeboard } from '../support/noticeboard.js';

const sarah: Actor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] };
const megan: Actor = { userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'] };
const fixedNow = new Date('2026-11-05T19:30:00.000Z');
const post = (text: string) => ({ type: 'PostNotice' as const, text });

/**
 * Command handling over one store. `reopen` gives a second store on the same
 * data (a restarted process), so idempotency is shown to survive a restart.
 */
export function commandHandlingContract(name: string, open: () => Promise<{ store: EventStore; reopen: () => Promise<EventStore> }>): void {
  describe(`command handling: ${name}`, () => {
    let store: EventStore;
    let reopen: () => Promise<EventStore>;
    let handler: CommandHandler;
    const board = () => `noticeboard-${randomUUID()}`;

    beforeAll(async () => {
      ({ store, reopen } = await open());
      handler = new CommandHandler(store, () => fixedNow);
    });
    afterAll(async () => {
      await store.close();
    });

    it('reads, decides and appends, writing who, when and why on every event', async () => {
      const s = board();
      const result = await handler.handle(noticeboard, s, post('Bonfire safety talk, 1 Nov'), { actor: sarah, correlationId: 'corr-1' });
      expect(result).toMatchObject({ streamId: s, revision: 0n, eventTypes: ['NoticePosted'], deduplicated: false, state: { notices: ['Bonfire safety talk, 1 Nov'] } });
      const [event] = await collect(store.readStream(s));
      expect(event!.position).toEqual(result.position);
      expect(event!.data).toEqual({ type: 'NoticePosted', text: 'Bonfire safety talk, 1 Nov', by: 'sarah.khan' });
      expect(event!.metadata).toMatchObject({
        actor: { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] },
        correlationId: 'corr-1',
        occurredAt: '2026-11-05T19:30:00.000Z',
        schemaVersion: 1,
      });
      expect(event!.metadata.causationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(event!.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('answers a broken rule with its code and writes nothing', async () => {
      const s = board();
      for (const text of ['a', 'b', 'c']) await handler.handle(noticeboard, s, post(text), { actor: sarah, correlationId: 'c' });
      const refused = await handler.handle(noticeboard, s, post('d'), { actor: sarah, correlationId: 'c' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).code).toBe('NOTICEBOARD_FULL');
      expect(await collect(store.readStream(s))).toHaveLength(3);
    });

    it('writes nothing when the decision is that nothing happened', async () => {
      const s = board();
      await handler.handle(noticeboard, s, post('a'), { actor: sarah, correlationId: 'c' });
      const result = await handler.handle(noticeboard, s, { type: 'Touch' }, { actor: sarah, correlationId: 'c' });
      expect(result).toMatchObject({ revision: 0n, position: null, eventTypes: [] });
    });

    it('returns a conflict with the actual revision when the caller’s expected revision is stale', async () => {
      const s = board();
      await handler.handle(noticeboard, s, post('a'), { actor: sarah, correlationId: 'c' });
      await handler.handle(noticeboard, s, post('b'), { actor: megan, correlationId: 'c' });
      const stale = await handler.handle(noticeboard, s, post('c'), { actor: sarah, correlationId: 'c', expectedRevision: 0n }).catch((e: unknown) => e);
      expect(stale).toBeInstanceOf(ConcurrencyConflict);
      expect(stale).toMatchObject({ expectedRevision: 0n, actualRevision: 1n });
      expect(await collect(store.readStream(s))).toHaveLength(2);
      const fresh = await handler.handle(noticeboard, s, post('c'), { actor: sarah, correlationId: 'c', expectedRevision: 1n });
      expect(fresh.revision).toBe(2n);
    });

    it('retries a conflict itself when the caller gave no expected revision', async () => {
      const s = board();
      // Two handlers stand for two server instances: each has its own cache, so they really do collide.
      const other = new CommandHandler(store, () => fixedNow);
      const results = await Promise.all([
        handler.handle(noticeboard, s, post('from one'), { actor: sarah, correlationId: 'c' }),
        other.handle(noticeboard, s, post('from two'), { actor: megan, correlationId: 'c' }),
        handler.handle(noticeboard, s, { type: 'TakeDownNotice', text: 'nothing' }, { actor: sarah, correlationId: 'c' }),
      ]);
      expect(results.slice(0, 2).map((r) => r.revision).sort()).toEqual([0n, 1n]);
      expect((await collect(store.readStream(s))).map((e) => e.data.text).sort()).toEqual(['from one', 'from two']);
    });

    it('does the work of an idempotency key once and answers the first result again', async () => {
      const s = board();
      const first = await handler.handle(noticeboard, s, post('Mediators at the bonfire'), { actor: sarah, correlationId: 'c', idempotencyKey: 'k-1' });
      const again = await handler.handle(noticeboard, s, post('Mediators at the bonfire'), { actor: sarah, correlationId: 'c', idempotencyKey: 'k-1' });
      expect(again).toMatchObject({ revision: first.revision, position: first.position, eventTypes: ['NoticePosted'], deduplicated: true });
      expect(await collect(store.readStream(s))).toHaveLength(1);
    });

    it('remembers an idempotency key across a restart', async () => {
      const s = board();
      const first = await handler.handle(noticeboard, s, post('x'), { actor: sarah, correlationId: 'c', idempotencyKey: 'restart-key' });
      await handler.handle(noticeboard, s, post('y'), { actor: sarah, correlationId: 'c' });
      const restarted = await reopen();
      try {
        const fresh = new CommandHandler(restarted, () => fixedNow);
        const again = await fresh.handle(noticeboard, s, post('x'), { actor: sarah, correlationId: 'c', idempotencyKey: 'restart-key' });
        expect(again).toMatchObject({ revision: first.revision, position: first.position, deduplicated: true });
        expect(await collect(restarted.readStream(s))).toHaveLength(2);
      } finally {
        await restarted.close();
      }
    });

    it('stores one set of events when two requests with one key race', async () => {
      const s = board();
      const other = new CommandHandler(store, () => fixedNow);
      const opts = { actor: sarah, correlationId: 'c', idempotencyKey: 'race-key' };
      const [a, b] = await Promise.all([handler.handle(noticeboard, s, post('once'), opts), other.handle(noticeboard, s, post('once'), opts)]);
      expect(a.revision).toBe(0n);
      expect(b.revision).toBe(0n);
      expect(a.position).toEqual(b.position);
      expect([a.deduplicated, b.deduplicated].sort()).toEqual([false, true]);
      expect(await collect(store.readStream(s))).toHaveLength(1);
    });

    it('answers a repeated key with its first result even when its expected revision is now stale', async () => {
      const s = board();
      await handler.handle(noticeboard, s, post('a'), { actor: sarah, correlationId: 'c' });
      const opts = { actor: sarah, correlationId: 'c', idempotencyKey: 'stale-key', expectedRevision: 0n };
      const first = await handler.handle(noticeboard, s, post('b'), opts);
      const again = await handler.handle(noticeboard, s, post('b'), opts);
      expect(again).toMatchObject({ revision: first.revision, deduplicated: true });
      expect(await collect(store.readStream(s))).toHaveLength(2);
    });

    it('refuses a key reused for a different request, naming the key, and writes nothing', async () => {
      const s = board();
      const first = await handler.handle(noticeboard, s, post('Mediators at the park gates'), { actor: sarah, correlationId: 'c', idempotencyKey: 'k-reused' });
      const refused = await handler.handle(noticeboard, s, post('Something else entirely'), { actor: sarah, correlationId: 'c', idempotencyKey: 'k-reused' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(InputValidationError);
      expect((refused as InputValidationError).fieldErrors).toEqual([
        { path: 'idempotencyKey', message: 'this key was first used for a different request (NoticePosted); send a new key with a new request' },
      ]);
      expect(await collect(store.readStream(s))).toHaveLength(1);
      // After a restart too: the fingerprint is kept with the events.
      const restarted = new CommandHandler(store, () => fixedNow);
      const again = await restarted.handle(noticeboard, s, post('Something else entirely'), { actor: sarah, correlationId: 'c', idempotencyKey: 'k-reused' }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(InputValidationError);
      expect(await restarted.handle(noticeboard, s, post('Mediators at the park gates'), { actor: sarah, correlationId: 'c', idempotencyKey: 'k-reused' })).toMatchObject({ deduplicated: true, revision: first.revision });
    });

    it('keeps one caller’s keys apart from another’s', async () => {
      const s = board();
      await handler.handle(noticeboard, s, post('police notice'), { actor: sarah, correlationId: 'c', idempotencyKey: '1' });
      const council = await handler.handle(noticeboard, s, post('council notice'), { actor: megan, correlationId: 'c', idempotencyKey: '1' });
      expect(council.deduplicated).toBe(false);
      expect(council.state.notices).toEqual(['police notice', 'council notice']);
    });

    it('runs one instance’s commands on a stream in the order they arrived, none refused for a conflict', async () => {
      const s = board();
      // 40 requests at once on one board: each posts a notice and the next takes it down again, so every one
      // depends on the one before it having been applied.
      const commands = Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0 ? post(`notice ${i / 2}`) : { type: 'TakeDownNotice' as const, text: `notice ${(i - 1) / 2}` },
      );
      const results = await Promise.all(commands.map((command) => handler.handle(noticeboard, s, command, { actor: sarah, correlationId: 'c' })));
      expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 40 }, (_, i) => BigInt(i)));
      expect(results.at(-1)!.state.notices).toEqual([]);
      const stored = await collect(store.readStream(s));
      expect(stored.map((e) => e.type)).toEqual(commands.map((c) => (c.type === 'PostNotice' ? 'NoticePosted' : 'NoticeTakenDown')));
    });

    describe('deciding on a fold cached before another instance wrote', () => {
      // `stale` folds the board, then `other` (a second server instance) moves it on behind its back.
      async function staleBoard(setUp: string[], behindItsBack: Array<{ type: 'PostNotice' | 'TakeDownNotice'; text: string }>) {
        const s = board();
        const stale = new CommandHandler(store, () => fixedNow);
        const other = new CommandHandler(store, () => fixedNow);
        for (const text of setUp) await stale.handle(noticeboard, s, post(text), { actor: sarah, correlationId: 'c' });
        for (const command of behindItsBack) await other.handle(noticeboard, s, command, { actor: megan, correlationId: 'c' });
        return { s, stale, other };
      }

      it('accepts the caller’s expected revision when it is the store’s, though the cache is behind', async () => {
        const { s, stale } = await staleBoard(['a'], [post('b')]);
        const result = await stale.handle(noticeboard, s, post('c'), { actor: sarah, correlationId: 'c', expectedRevision: 1n });
        expect(result).toMatchObject({ revision: 2n, state: { notices: ['a', 'b', 'c'] } });
      });

      it('still answers a truly stale expected revision with the store’s actual revision', async () => {
        const { s, stale } = await staleBoard(['a'], [post('b')]);
        const refused = await stale.handle(noticeboard, s, post('c'), { actor: sarah, correlationId: 'c', expectedRevision: 0n }).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(ConcurrencyConflict);
        expect(refused).toMatchObject({ expectedRevision: 0n, actualRevision: 1n });
      });

      it('does not refuse on a rule the store no longer breaks', async () => {
        const { s, stale } = await staleBoard(['a', 'b', 'c'], [{ type: 'TakeDownNotice', text: 'b' }]);
        const result = await stale.handle(noticeboard, s, post('d'), { actor: sarah, correlationId: 'c' });
        expect(result.state.notices).toEqual(['a', 'c', 'd']);
        expect(await collect(store.readStream(s))).toHaveLength(5);
      });

      it('does not answer "nothing to do" when the store says there is', async () => {
        const { s, stale } = await staleBoard(['a'], [post('late notice')]);
        const result = await stale.handle(noticeboard, s, { type: 'TakeDownNotice', text: 'late notice' }, { actor: sarah, correlationId: 'c' });
        expect(result).toMatchObject({ revision: 2n, eventTypes: ['NoticeTakenDown'], state: { notices: ['a'] } });
      });

      it('answers "nothing to do" rather than writing when the store already has it done', async () => {
        const { s, stale } = await staleBoard(['a', 'b'], [{ type: 'TakeDownNotice', text: 'b' }]);
        const result = await stale.handle(noticeboard, s, { type: 'TakeDownNotice', text: 'b' }, { actor: sarah, correlationId: 'c' });
        expect(result).toMatchObject({ revision: 2n, position: null, eventTypes: [], state: { notices: ['a'] } });
        expect(await collect(store.readStream(s))).toHaveLength(3);
      });

      it('finds an idempotency key another instance handled meanwhile', async () => {
        const { s, stale, other } = await staleBoard(['a'], []);
        const first = await other.handle(noticeboard, s, post('once'), { actor: sarah, correlationId: 'c', idempotencyKey: 'shared-key' });
        const again = await stale.handle(noticeboard, s, post('once'), { actor: sarah, correlationId: 'c', idempotencyKey: 'shared-key' });
        expect(again).toMatchObject({ revision: first.revision, position: first.position, deduplicated: true });
        expect(await collect(store.readStream(s))).toHaveLength(2);
      });
    });

    it('derives a created entity’s id from the idempotency key, so a retried creation finds its first result', () => {
      expect(newEntityId(sarah, 'open-1', 'plan')).toBe(newEntityId(sarah, 'open-1', 'plan'));
      expect(newEntityId(sarah, 'open-1', 'plan')).not.toBe(newEntityId(megan, 'open-1', 'plan'));
      expect(newEntityId(sarah, undefined, 'plan')).not.toBe(newEntityId(sarah, undefined, 'plan'));
    });
  });
}
