/** Finding actions: one by id, a page of those matching a filter, and the caller's agency's own. */
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { findActions } from '../../../projections/actions.js';
import { todayOf } from '../../context.js';
import { builder } from '../builder.js';
import { pageSizeOf } from '../plan/queries.js';
import { ActionRef, ActionStatusEnum } from './action-type.js';


const ActionFilterInput = builder.inputType('ActionFilter', {
  description: 'Every field given narrows the list.',
  fields: (t) => ({
    agency: t.string({ required: false, description: 'Assigned to this agency.' }),
    status: t.field({ type: ActionStatusEnum, required: false, description: 'Actions with this status.' }),
    overdue: t.boolean({ required: false, description: 'Open and past its due day (true), or not (false), by the server’s clock.' }),
    dueFrom: t.field({ type: 'Date', required: false, description: 'Actions due on or after this day.' }),
    dueTo: t.field({ type: 'Date', required: false, description: 'Actions due on or before this day.' }),
  }),
});

builder.queryField('action', (t) =>
  t.field({
    type: ActionRef,
    nullable: true,
    description: 'An action by its global id; null if there is none, or none the caller may see.',
    args: { id: t.arg.globalID({ required: true, description: 'The action’s global id.' }) },
    resolve: (_root, { id }, ctx) => (id.typename === 'Action' ? (ctx.records.action(id.id) ?? null) : null),
  }),
);

builder.queryField('actions', (t) =>
  t.connection(
    {
      type: ActionRef,
      description: 'Actions the caller may see that match the filter, soonest due first. Pages of at most 100.',
      args: { filter: t.arg({ type: ActionFilterInput, required: false, description: 'What to narrow the list to; without it, every action the caller may see.' }) },
      resolve: (_root, args, ctx) => {
        pageSizeOf(args);
        const filter = Object.fromEntries(Object.entries(args.filter ?? {}).filter(([, v]) => v !== null && v !== undefined));
        const matches = findActions(ctx.records.actions, filter, todayOf(ctx));
        return { ...resolveArrayConnection({ args }, matches), totalCount: matches.length };
      },
    },
    {
      description: 'A page of the actions that match, soonest due first.',
      fields: (c) => ({ totalCount: c.int({ description: 'How many actions match, on every page.', resolve: (conn) => (conn as unknown as { totalCount: number }).totalCount }) }),
    },
    { description: 'One action on the page, with its cursor.', nodeField: { description: 'The action.' } },
  ),
);

builder.queryField('myActions', (t) =>
  t.field({
    type: [ActionRef],
    description: 'The open actions assigned to the caller’s agency, soonest due first.',
    resolve: (_root, _args, ctx) =>
      findActions(ctx.records.actions, { agency: ctx.principal.agencyId }, todayOf(ctx)).filter((v) => v.action.status !== 'done' && v.action.status !== 'cancelled'),
  }),
);
