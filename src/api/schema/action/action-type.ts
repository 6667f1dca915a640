/** The `Action` node: a partner action on a plan or an ASB case. */
import type { ProgressNote } from '../../../domain/action/decider.js';
import { type ActionView, findActions, isOverdue } from '../../../projections/actions.js';
import { type GraphQLContext, todayOf } from '../../context.js';
import { builder } from '../builder.js';
import { AsbCaseRef } from '../asb-case/case-type.js';
import { PlanRef } from '../plan/plan-type.js';
import { actionsBeside, asbCaseBeside, dayFor, planBeside, whenReady } from '../records/as-of-view.js';


export const ActionStatusEnum = builder.enumType('ActionStatus', {
  description: 'Where a partner action stands. A done or cancelled action changes no more.',
  values: {
    assigned: { description: 'Given to an agency, not yet accepted.' },
    accepted: { description: 'The agency has taken it on.' },
    in_progress: { description: 'Progress has been reported.' },
    blocked: { description: 'Stopped, with a reason.' },
    done: { description: 'Completed, with an outcome and an evidence note.' },
    cancelled: { description: 'Cancelled by the agency answerable for the plan or case, with a reason.' },
  } as const,
});

const ProgressNoteType = builder.objectRef<ProgressNote>('ProgressNote').implement({
  description: 'A progress note on an action, with who wrote it and when.',
  fields: (t) => ({
    note: t.exposeString('note', { description: 'The note.' }),
    by: t.exposeString('by', { description: 'Who reported it, by the name their token gives (else their user id).' }),
    agencyId: t.exposeString('agencyId', { description: 'The agency of the person who reported it.' }),
    at: t.field({ type: 'DateTime', description: 'When it was recorded, by the server’s clock.', resolve: (n) => n.at }),
  }),
});

export const ActionRef = builder.objectRef<ActionView>('Action');

builder.node(ActionRef, {
  description: 'A partner action: assigned to an agency (and optionally a named person), with a due day, updated by that agency.',
  id: { description: 'The action’s global id: give it to `action`, `node` and the action mutations.', resolve: (v) => v.actionId },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'actionId' in value && 'action' in value,
  loadOne: (id, ctx: GraphQLContext) => ctx.records.action(id) ?? null,
  // Reached only through ctx.records (lint-enforced); see Plan for why there is no type-level scope check too.
  fields: (t) => ({
    reference: t.string({ description: 'The human reference, e.g. ACT-2026-0420.', resolve: (v) => v.action.reference }),
    revision: t.int({ description: 'The stream revision, for `expectedRevision`.', resolve: (v) => Number(v.revision) }),
    plan: t.field({
      type: PlanRef,
      nullable: true,
      description: 'The plan it belongs to (null for an action on an ASB case, or on a plan the caller may not see); for an action read as of a past instant, the plan as of that instant.',
      resolve: (v, _a, ctx) => (v.action.parent.kind === 'plan' ? planBeside(ctx, v, v.action.parent.id) : null),
    }),
    asbCase: t.field({
      type: AsbCaseRef,
      nullable: true,
      description: 'The ASB case it belongs to (null for an action on a plan, or on a case the caller may not see); for an action read as of a past instant, the case as of that instant.',
      resolve: (v, _a, ctx) => (v.action.parent.kind === 'asbcase' ? asbCaseBeside(ctx, v, v.action.parent.id) : null),
    }),
    agencyId: t.string({ description: 'The agency it is assigned to.', resolve: (v) => v.action.agencyId }),
    person: t.string({ nullable: true, description: 'The named person in that agency; null when it is assigned to the agency as a whole.', resolve: (v) => v.action.person ?? null }),
    ownerAgencyId: t.string({
      description: 'The agency answerable for the action now: the agency of the plan’s current owner (or, while the plan has no owner in an agency, the one recorded at assignment). It, or a coordinator, may reassign, reschedule or cancel.',
      resolve: (v, _a, ctx) =>
        v.action.parent.kind === 'plan' ? whenReady(planBeside(ctx, v, v.action.parent.id), (plan) => plan?.plan.owner?.agencyId ?? v.action.ownerAgencyId) : v.action.ownerAgencyId,
    }),
    description: t.string({ description: 'What is to be done.', resolve: (v) => v.action.description }),
    dueOn: t.field({ type: 'Date', description: 'The day it is due, as last rescheduled.', resolve: (v) => v.action.dueOn }),
    status: t.field({ type: ActionStatusEnum, description: 'Where it stands.', resolve: (v) => v.action.status }),
    overdue: t.boolean({
      description: 'Open and past its due day, by the server’s clock (for an action read as of a past instant, by that instant’s day).',
      resolve: (v, _a, ctx) => isOverdue(v.action, dayFor(ctx, v)),
    }),
    blockedReason: t.string({ nullable: true, description: 'Why it is blocked; null unless `status` is blocked.', resolve: (v) => v.action.blockedReason }),
    outcome: t.string({ nullable: true, description: 'What it achieved; null until it is done.', resolve: (v) => v.action.outcome?.outcome ?? null }),
    evidence: t.string({ nullable: true, description: 'Where the evidence is; null until it is done.', resolve: (v) => v.action.outcome?.evidence ?? null }),
    doneOn: t.field({ type: 'Date', nullable: true, description: 'The day it was done; null until then.', resolve: (v) => v.action.outcome?.doneOn ?? null }),
    cancelledReason: t.string({ nullable: true, description: 'Why it was cancelled; null unless it was.', resolve: (v) => v.action.cancelled?.reason ?? null }),
    progressNotes: t.field({
      type: [ProgressNoteType],
      description: 'Its progress notes, oldest first; with `last`, only that many of the latest (a long-running action gathers hundreds).',
      args: { last: t.arg.int({ required: false, description: 'How many of the latest notes to return, 1 or more; every note when left out.' }) },
      resolve: (v, { last }) => (last === null || last === undefined ? [...v.action.notes] : v.action.notes.slice(-Math.max(1, last))),
    }),
    progressNoteCount: t.int({ description: 'How many progress notes it has.', resolve: (v) => v.action.notes.length }),
  }),
});

builder.objectField(PlanRef, 'actions', (t) =>
  t.field({
    type: [ActionRef],
    description: 'The partner actions carrying out the plan’s response, soonest due first; for a plan read as of a past instant, those assigned by then, as they stood then.',
    resolve: (view, _a, ctx) => actionsBeside(ctx, view, findActions(ctx.records.actions, { planId: view.planId }, todayOf(ctx))),
  }),
);
