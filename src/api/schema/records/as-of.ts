/**
 * Time travel: `planAsOf`, `asbCaseAsOf` and `actionAsOf` answer a record
 * exactly as it stood at a past instant, as the same types as the live
 * queries, so every field an auditor knows works on it. How the record is
 * built, whose access it is judged on, and how its fields and the records
 * beside it read: `as-of-view.ts`.
 */
import { ActionRef } from '../action/action-type.js';
import { AsbCaseRef } from '../asb-case/case-type.js';
import { builder } from '../builder.js';
import { PlanRef } from '../plan/plan-type.js';
import { actionAsOf, asbCaseAsOf, asOfInstant, planAsOf } from './as-of-view.js';

const HOW =
  'It is the record’s own events up to that instant (by each event’s `occurredAt`, as `history` shows it; the stream is cut at the first event that occurred later, so the answer is always a state the record had, at its `revision`), put through the same code as the live record. ' +
  'Fields judged against today (overdue, in force) are judged against the instant’s day (today’s, for an instant still to come); related records (a plan’s actions, an action’s plan or case, a case’s plan and actions) are given as of the same instant; its `history` runs up to it. ' +
  'Access is judged now: null if there is no such record, or none the caller may see now, or if it did not exist yet at that instant; and what the caller may read of the people on it is what it may read today.';

builder.queryField('planAsOf', (t) =>
  t.field({
    type: PlanRef,
    nullable: true,
    description: `A plan exactly as it stood at a past instant. ${HOW}`,
    args: {
      id: t.arg.globalID({ required: true, description: 'The plan’s global id.' }),
      at: t.arg({ type: 'DateTime', required: true, description: 'The instant, in ISO-8601, e.g. 2026-10-01T12:00:00Z.' }),
    },
    resolve: (_root, { id, at }, ctx) => (id.typename === 'Plan' ? planAsOf(ctx, id.id, asOfInstant(ctx, at)) : null),
  }),
);

builder.queryField('asbCaseAsOf', (t) =>
  t.field({
    type: AsbCaseRef,
    nullable: true,
    description: `An ASB case exactly as it stood at a past instant. ${HOW}`,
    args: {
      id: t.arg.globalID({ required: true, description: 'The case’s global id.' }),
      at: t.arg({ type: 'DateTime', required: true, description: 'The instant, in ISO-8601, e.g. 2026-10-01T12:00:00Z.' }),
    },
    resolve: (_root, { id, at }, ctx) => (id.typename === 'AsbCase' ? asbCaseAsOf(ctx, id.id, asOfInstant(ctx, at)) : null),
  }),
);

builder.queryField('actionAsOf', (t) =>
  t.field({
    type: ActionRef,
    nullable: true,
    description: `A partner action exactly as it stood at a past instant. ${HOW}`,
    args: {
      id: t.arg.globalID({ required: true, description: 'The action’s global id.' }),
      at: t.arg({ type: 'DateTime', required: true, description: 'The instant, in ISO-8601, e.g. 2026-10-01T12:00:00Z.' }),
    },
    resolve: (_root, { id, at }, ctx) => (id.typename === 'Action' ? actionAsOf(ctx, id.id, asOfInstant(ctx, at)) : null),
  }),
);
