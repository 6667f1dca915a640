/**
 * `planChanged(id)`: the plan, each time it changes, as server-sent events: a
 * partner's system, or the meeting page, follows one plan without polling.
 */
import { GraphQLError } from 'graphql';
import { planStreamName } from '../../../app/plan-stream.js';
import { START } from '../../../eventstore/event-store.js';
import { builder } from '../builder.js';
import { endOfFeed, liveFeed } from '../live-feed.js';
import { PlanRef } from './plan-type.js';

builder.subscriptionField('planChanged', (t) =>
  t.field({
    type: PlanRef,
    description:
      'The plan as it stands after each change from the moment of subscribing: every event on it (a stage moved, a meeting recorded, a partner action’s news, a sign-off), with the change in it. The caller sees what a `plan` query would show it then. Ends when the plan leaves the caller’s sight; a plan the caller may not see, or none, is refused as `NOT_FOUND`.',
    args: { id: t.arg.globalID({ required: true, description: 'The plan’s global id.' }) },
    subscribe: async (_root, { id }, ctx) => {
      // Out of sight is nonexistent: the same refusal as for an id never used.
      if (id.typename !== 'Plan' || !ctx.records.plan(id.id)) throw new GraphQLError('The plan was not found', { extensions: { code: 'NOT_FOUND' } });
      const stream = planStreamName(id.id);
      // From the head as it stands now, so that a change made after the answer's headers are sent is never missed.
      const from = (await ctx.casebook.storeAsWritten.headPosition()) ?? START;
      const subscription = ctx.casebook.storeAsWritten.subscribeToAll({ fromPosition: from, filter: { streamPrefixes: [stream] } });
      return liveFeed(ctx, subscription, (event) => {
        if (event.streamId !== stream) return undefined;
        return ctx.records.plan(id.id) ?? endOfFeed;
      });
    },
    resolve: (view) => view,
  }),
);
