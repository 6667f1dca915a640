/** Finding plans: one by id, or a page of those matching a filter, across the partnership. */
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { findPlans } from '../../../projections/plans.js';
import { todayOf } from '../../context.js';
import { builder } from '../builder.js';
import { PlanRef, PlanStageEnum } from './plan-type.js';

const PlanFilterInput = builder.inputType('PlanFilter', {
  description: 'Every field given narrows the list.',
  fields: (t) => ({
    neighbourhoodId: t.string({ required: false, description: 'Plans in this neighbourhood (its UUID).' }),
    stage: t.field({ type: PlanStageEnum, required: false, description: 'Plans in this stage.' }),
    ownerAgency: t.string({ required: false, description: 'Plans whose owner belongs to this agency.' }),
    partnerAgency: t.string({ required: false, description: 'Plans with a representative of this agency among the partners.' }),
    reviewOverdue: t.boolean({ required: false, description: 'Plans whose next review day has passed (true) or not (false), by the server’s clock.' }),
    text: t.string({ required: false, description: 'Every word must appear in the title or description, in any case.' }),
  }),
});

const pageSize = z.number().int().min(0, '0 or more').max(100, 'at most 100 a page').nullish();

/** Refuses a page size (`first` or `last`) over 100 with a clear error, where relay would silently cut it. */
export function pageSizeOf(args: { readonly first?: number | null | undefined; readonly last?: number | null | undefined }): void {
  for (const path of ['first', 'last'] as const) {
    const parsed = pageSize.safeParse(args[path]);
    if (!parsed.success) {
      const message = parsed.error.issues[0]!.message;
      throw new GraphQLError(`${path}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ path, message }] } });
    }
  }
}

builder.queryField('plan', (t) =>
  t.field({
    type: PlanRef,
    nullable: true,
    description: 'A plan by its global id; null if there is none, or none the caller may see.',
    args: { id: t.arg.globalID({ required: true, description: 'The plan’s global id.' }) },
    resolve: (_root, { id }, ctx) => (id.typename === 'Plan' ? (ctx.records.plan(id.id) ?? null) : null),
  }),
);

builder.queryField('plans', (t) =>
  t.connection(
    {
      type: PlanRef,
      description: 'Plans the caller may see that match the filter, most recently changed first. Pages of at most 100.',
      args: { filter: t.arg({ type: PlanFilterInput, required: false, description: 'What to narrow the list to; without it, every plan the caller may see.' }) },
      resolve: (_root, args, ctx) => {
        pageSizeOf(args);
        const filter = Object.fromEntries(Object.entries(args.filter ?? {}).filter(([, v]) => v !== null && v !== undefined));
        const matches = findPlans(ctx.records.plans, filter, todayOf(ctx));
        return { ...resolveArrayConnection({ args }, matches), totalCount: matches.length };
      },
    },
    {
      description: 'A page of the plans that match, most recently changed first.',
      fields: (c) => ({ totalCount: c.int({ description: 'How many plans match, on every page.', resolve: (conn) => (conn as unknown as { totalCount: number }).totalCount }) }),
    },
    { description: 'One plan on the page, with its cursor.', nodeField: { description: 'The plan.' } },
  ),
);
