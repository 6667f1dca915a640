/**
 * A subscription's feed: events from the store, each looked at once the read
 * models have it, through a fresh view of what the caller may see (a
 * subscription lives for hours, and the caller's sight can change meanwhile).
 * `pick` turns an event into what the client is sent, skips it (undefined),
 * or ends the feed (`endOfFeed`). Served by `alerts` and `planChanged`.
 */
import type { RecordedEvent, Subscription } from '../../eventstore/event-store.js';
import type { GraphQLContext } from '../context.js';

export const endOfFeed = Symbol('end of feed');

export function liveFeed<T>(ctx: GraphQLContext, subscription: Subscription, pick: (event: RecordedEvent) => T | undefined | typeof endOfFeed): AsyncIterableIterator<T> {
  const events = subscription[Symbol.asyncIterator]();
  const nextItem = async (): Promise<IteratorResult<T>> => {
    for (;;) {
      const step = await events.next();
      if (step.done) return { done: true, value: undefined };
      const event = step.value;
      await ctx.casebook.projections.waitFor(event.position);
      // What is served is resolved with this context: each event is answered as a request of its own would be.
      ctx.records.refresh();
      const item = pick(event);
      if (item === endOfFeed) {
        await subscription.close();
        return { done: true, value: undefined };
      }
      if (item !== undefined) return { done: false, value: item };
    }
  };
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      try {
        return await nextItem();
      } catch (error) {
        // A feed that fails (the read models stuck past their wait) is not asked to return: it closes its own store subscription.
        await subscription.close();
        throw error;
      }
    },
    // Called when the client goes away: closing the store subscription ends a `next` still waiting for an event, which a generator's `return` would not.
    async return() {
      await subscription.close();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await subscription.close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
