/**
 * Alerts about victims and witnesses, for the caller's agency: those raised
 * so far (`myAlerts`), and each one as it is raised (`alerts`, a
 * subscription served as server-sent events).
 */
import { type Position, START, type Subscription } from '../../../eventstore/event-store.js';
import type { CaseAlert } from '../../../domain/asb-case/state.js';
import { parseStreamName, streamCategories, streamName } from '../../../domain/shared/streams.js';
import { alertsFor } from '../../../projections/asb-cases.js';
import type { GraphQLContext } from '../../context.js';
import { builder } from '../builder.js';
import { liveFeed } from '../live-feed.js';
import { CaseAlertType, type OnCase } from './case-type.js';

builder.queryField('myAlerts', (t) =>
  t.field({
    type: [CaseAlertType],
    description: 'The alerts raised to the caller’s agency (vulnerable or intimidated victims and witnesses, victims assessed high risk), newest first.',
    args: { acknowledged: t.arg.boolean({ required: false, description: 'Only those the caller’s agency has acknowledged (true) or not (false); without it, both.' }) },
    resolve: (_root, { acknowledged }, ctx) =>
      alertsFor(ctx.records.cases, ctx.principal.agencyId, acknowledged ?? undefined).map(({ view, alert }) => ({ view, item: alert })),
  }),
);

/**
 * The alerts raised to the caller's agency from now on: an alert is served if
 * the case event that raised it went to the caller's agency, on a case the
 * caller sees as the event arrives.
 */
function alertFeed(ctx: GraphQLContext, subscription: Subscription): AsyncIterableIterator<OnCase<CaseAlert>> {
  const agencyId = ctx.principal.agencyId;
  return liveFeed(ctx, subscription, (event) => {
    const parsed = parseStreamName(event.streamId);
    if (parsed?.category !== streamCategories.asbCase) return undefined;
    const view = ctx.records.asbCase(parsed.id);
    const alertId = view?.alertRaisedAt.get(event.revision);
    const alert = alertId === undefined ? undefined : view?.asbCase.alerts.find((a) => a.alertId === alertId);
    return view && alert && alert.agencies.includes(agencyId) ? { view, item: alert } : undefined;
  });
}

builder.subscriptionType({ description: 'What partners can follow as it happens, as server-sent events (POST or GET /graphql with `Accept: text/event-stream`).' });

builder.subscriptionField('alerts', (t) =>
  t.field({
    type: CaseAlertType,
    description:
      'Each alert raised to the caller’s agency from the moment of subscribing: a victim assessed high risk, or a victim or witness flagged vulnerable or intimidated, on a case the agency is on. Alerts raised before subscribing are in `myAlerts`.',
    subscribe: async (_root, _args, ctx) => {
      // From the head as it stands now, so that what happens after the answer's headers are sent is never missed.
      const from: Position = (await ctx.casebook.store.headPosition()) ?? START;
      // Only positions and revisions are read: the events as written serve, without opening anyone's data.
      return alertFeed(ctx, ctx.casebook.storeAsWritten.subscribeToAll({ fromPosition: from, filter: { streamPrefixes: [streamName(streamCategories.asbCase, '')] } }));
    },
    resolve: (alert) => alert,
  }),
);
