/**
 * The projection runner: read models built live equal those rebuilt from zero,
 * a mutation can wait for its own write, and a lost subscription resumes from
 * the checkpoint without applying anything twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CommandHandler } from '../../src/app/command-handler.js';
import type { EventStore, RecordedEvent, SubscribeOptions, Subscription } from '../../src/eventstore/event-store.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import type { Projection } from '../../src/projections/projection.js';
import { ProjectionRunner, type ProjectionRunnerOptions, ProjectionTimeout } from '../../src/projections/runner.js';
import { streamCatalogueProjection } from '../../src/projections/stream-catalogue.js';
import { newEvent } from '../support/events.js';
import { noticeboard } from '../support/noticeboard.js';

const sarah = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator' as const] };
const megan = { userId: 'megan.lloyd', agencyId: 'council', roles: ['partner' as const] };

/** Notices on every board, in the order they were applied, and every event seen in order. */
interface BoardsModel {
  boards: Map<string, string[]>;
  applied: string[];
}
const boardsProjection: Projection<BoardsModel> = {
  name: 'boards',
  handles: ['NoticePosted', 'NoticeTakenDown'],
  init: () => ({ boards: new Map(), applied: [] }),
  apply(model, event) {
    const notices = model.boards.get(event.streamId) ?? [];
    const text = String(event.data.text);
    model.boards.set(event.streamId, event.type === 'NoticePosted' ? [...notices, text] : notices.filter((n) => n !== text));
    model.applied.push(event.id);
  },
};

const runners: ProjectionRunner[] = [];
const stores: EventStore[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
  for (const store of stores.splice(0)) await store.close();
});

function openStore(): SqliteEventStore {
  const store = new SqliteEventStore({ path: ':memory:' });
  stores.push(store);
  return store;
}

function runner(store: EventStore, options: ProjectionRunnerOptions = {}): ProjectionRunner {
  const r = new ProjectionRunner(store, [streamCatalogueProjection, boardsProjection], { resubscribeMinMs: 5, ...options });
  runners.push(r);
  return r;
}

/** Many writers on a few boards, each posting a notice and taking it down again, so order matters to the result. */
async function busyPartnership(commands: CommandHandler, boards: string[], rounds = 15): Promise<void> {
  await Promise.all(
    boards.flatMap((board, b) =>
      [sarah, megan].map(async (actor) => {
        for (let i = 0; i < rounds; i++) {
          const text = `${actor.agencyId} notice ${i} on board ${b}`;
          await commands.handle(noticeboard, board, { type: 'PostNotice', text }, { actor, correlationId: `busy-${b}` });
          // The last notice of each writer stays up.
          if (i < rounds - 1) await commands.handle(noticeboard, board, { type: 'TakeDownNotice', text }, { actor, correlationId: `busy-${b}` });
        }
      }),
    ),
  );
}

describe('the projection runner', () => {
  it('builds the same read models live as a rebuild from zero does', async () => {
    const store = openStore();
    const live = runner(store);
    await live.start();
    await live.whenCaughtUp();
    const commands = new CommandHandler(store);
    const boards = ['noticeboard-a', 'noticeboard-b', 'noticeboard-c'];
    await busyPartnership(commands, boards);
    const head = (await store.headPosition())!;
    await live.waitFor(head);

    const rebuilt = runner(store);
    await rebuilt.start();
    await rebuilt.whenCaughtUp();

    expect(live.model(boardsProjection).applied).toHaveLength(3 * 2 * (15 + 14));
    expect([...live.model(boardsProjection).boards.get('noticeboard-b')!].sort()).toEqual(['council notice 14 on board 1', 'police notice 14 on board 1']);
    expect(rebuilt.model(boardsProjection)).toEqual(live.model(boardsProjection));
    expect(rebuilt.model(streamCatalogueProjection)).toEqual(live.model(streamCatalogueProjection));
    expect(rebuilt.status()).toMatchObject({ caughtUp: true, position: head, eventsApplied: live.status().eventsApplied, faults: [] });
    const catalogue = rebuilt.model(streamCatalogueProjection);
    expect([...catalogue.streams.keys()].sort()).toEqual(boards);
    expect(catalogue.countsByCategory.get('noticeboard')).toBe(3);
  });

  it('lets a writer wait until its own append is in the read models', async () => {
    const store = openStore();
    const r = runner(store);
    await r.start();
    const commands = new CommandHandler(store);
    const result = await commands.handle(noticeboard, 'noticeboard-ryw', { type: 'PostNotice', text: 'Fireworks amnesty' }, { actor: sarah, correlationId: 'ryw' });
    await r.waitFor(result.position!);
    expect(r.model(boardsProjection).boards.get('noticeboard-ryw')).toEqual(['Fireworks amnesty']);
  });

  it('says when a position is not reached in time', async () => {
    const store = openStore();
    const r = runner(store);
    await r.start();
    const beyond = { commit: 10_000n, prepare: 10_000n };
    const error = await r.waitFor(beyond, 50).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionTimeout);
  });

  it('is caught up only once the history present at start-up is applied', async () => {
    const store = openStore();
    for (let i = 0; i < 2_500; i++) await store.append(`noticeboard-${i % 10}`, [newEvent('NoticePosted', { text: `n${i}` })], { expectedRevision: 'any' });
    const r = runner(store);
    await r.start();
    await r.whenCaughtUp();
    expect(r.status().eventsApplied).toBe(2_500);
    expect(r.model(boardsProjection).applied).toHaveLength(2_500);
  });

  it('resumes from its checkpoint after stop and start, applying nothing twice', async () => {
    const store = openStore();
    const r = runner(store);
    await r.start();
    const commands = new CommandHandler(store);
    const first = await commands.handle(noticeboard, 'noticeboard-x', { type: 'PostNotice', text: 'one' }, { actor: sarah, correlationId: 'c' });
    await r.waitFor(first.position!);
    await r.stop();
    const second = await commands.handle(noticeboard, 'noticeboard-x', { type: 'PostNotice', text: 'two' }, { actor: sarah, correlationId: 'c' });
    await r.start();
    await r.waitFor(second.position!);
    expect(r.model(boardsProjection).boards.get('noticeboard-x')).toEqual(['one', 'two']);
    expect(r.status().eventsApplied).toBe(2);
  });

  it('opens a dropped subscription again from the checkpoint, losing and repeating nothing', async () => {
    const store = openStore();
    // The real store, with subscriptions that fail after a few events, as a lost connection to EventStoreDB would.
    const flaky = new DroppingSubscriptions(store, 7);
    const drops: unknown[] = [];
    const r = runner(flaky, { onDrop: (error) => drops.push(error) });
    await r.start();
    const commands = new CommandHandler(store);
    await busyPartnership(commands, ['noticeboard-0', 'noticeboard-1'], 6);
    await r.waitFor((await store.headPosition())!);
    const rebuilt = runner(store);
    await rebuilt.start();
    await rebuilt.whenCaughtUp();
    expect(drops.length).toBeGreaterThanOrEqual(2);
    expect(r.status().subscriptionDrops).toBe(drops.length);
    expect(r.model(boardsProjection).applied).toHaveLength(2 * 2 * (6 + 5));
    expect(r.model(boardsProjection)).toEqual(rebuilt.model(boardsProjection));
    // Each new subscription started at the checkpoint: after exactly the events applied so far, never from zero.
    expect(flaky.openedFrom[0]).toBeUndefined();
    flaky.openedFrom.slice(1).forEach((from, i) => expect(from).toEqual(flaky.deliveredUpTo[i]));
    expect(r.status().faults).toEqual([]);
  });

  it('reports itself stuck, and not ready, when the subscription fails again and again at one place', async () => {
    const store = openStore();
    await store.append('noticeboard-1', [newEvent('NoticePosted', { text: 'fine' })], { expectedRevision: 'no_stream' });
    await store.append('noticeboard-1', [newEvent('NoticePosted', { text: 'cannot be handed over' })], { expectedRevision: 0n });
    const faults: unknown[] = [];
    const r = runner(new DroppingSubscriptions(store, 0, 1), { onFault: (fault) => faults.push(fault) });
    await r.start();
    await expect.poll(() => r.status().faults.length, { timeout: 5_000 }).toBe(1);
    expect(r.status()).toMatchObject({ eventsApplied: 1, caughtUp: false, faults: [{ projection: '$all subscription', position: { commit: 1n } }] });
    expect(faults).toHaveLength(1);
    await r.stop();
  });

  it('stops at once even while waiting to open a lost subscription again', async () => {
    const store = openStore();
    await store.append('noticeboard-1', [newEvent('NoticePosted', { text: 'x' })], { expectedRevision: 'no_stream' });
    const r = runner(new DroppingSubscriptions(store, 0, 0), { resubscribeMinMs: 60_000 });
    await r.start();
    await expect.poll(() => r.status().subscriptionDrops).toBe(1);
    const started = Date.now();
    await r.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

/**
 * A real store whose subscriptions throw after `limit` events each, or (with
 * `poisonAfter`) whenever the event after the first `poisonAfter` of the log
 * comes up: a place it can never get past. It records where each
 * subscription was opened from and how far the one before had delivered.
 */
class DroppingSubscriptions implements EventStore {
  readonly kind = 'sqlite' as const;
  readonly openedFrom: Array<SubscribeOptions['fromPosition']> = [];
  readonly deliveredUpTo: Array<RecordedEvent['position'] | undefined> = [];
  constructor(
    private readonly inner: EventStore,
    private readonly limit: number,
    private readonly poisonAfter?: number,
  ) {}
  append: EventStore['append'] = (...args) => this.inner.append(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  close = () => this.inner.close();
  subscribeToAll(opts?: SubscribeOptions): Subscription {
    this.openedFrom.push(opts?.fromPosition);
    const inner = this.inner.subscribeToAll(opts);
    const { limit, poisonAfter, deliveredUpTo } = this;
    const slot = deliveredUpTo.push(opts?.fromPosition) - 1;
    async function* dropping(): AsyncGenerator<RecordedEvent> {
      let delivered = 0;
      for await (const event of inner) {
        if (poisonAfter !== undefined ? event.position.commit > BigInt(poisonAfter) : delivered === limit) {
          throw new Error('connection to the event store lost');
        }
        delivered += 1;
        deliveredUpTo[slot] = event.position;
        yield event;
      }
    }
    const iterator = dropping();
    return { [Symbol.asyncIterator]: () => iterator, close: async () => { await inner.close(); await iterator.return(undefined); } };
  }
}
