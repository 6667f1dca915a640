/**
 * Partner actions over GraphQL. `assignAction` gives a plan or an ASB case an
 * action; the rest are the assigned agency's updates and the answerable
 * agency's changes. Each answer waits until the plan or case has taken the
 * news (the action news reactor), so it shows both the action and its plan
 * or case as they now are.
 */
import type { z } from 'zod';
import { actionStream, actionStreamName, assignAction } from '../../../app/action-stream.js';
import { newEntityId } from '../../../app/command-handler.js';
import type { CommandResult } from '../../../app/command-handler.js';
import { EntityNotFound, InputValidationError } from '../../../app/errors.js';
import { type ActionCommand, actionCommandSchema } from '../../../domain/action/commands.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { ActionView } from '../../../projections/actions.js';
import type { AsbCaseView } from '../../../projections/asb-cases.js';
import type { PlanView } from '../../../projections/plans.js';
import type { GraphQLContext } from '../../context.js';
import { builder } from '../builder.js';
import { commandOptions, controlFields, readYourWrites, refuseExpectedRevisionOnCreation, typedRefusal, validated } from '../commanding.js';
import { mutationErrors, resultUnion } from '../errors.js';
import { planView } from '../plan/plan-mutation.js';
import { PlanRef } from '../plan/plan-type.js';
import { defineStreamMutation, memberOf, withoutNulls } from '../stream-mutation.js';
import { AsbCaseRef } from '../asb-case/case-type.js';
import { ActionRef } from './action-type.js';

interface ActionPayloadShape {
  readonly action: ActionView;
  readonly plan: PlanView | null;
  readonly asbCase: AsbCaseView | null;
  readonly deduplicated: boolean;
}

const ActionPayload = builder.objectRef<ActionPayloadShape>('ActionPayload').implement({
  description: 'The action after the change, and its plan or ASB case, which has taken the news.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'action' in value && 'deduplicated' in value,
  fields: (t) => ({
    action: t.field({ type: ActionRef, description: 'The action as it stands after the change.', resolve: (p) => p.action }),
    plan: t.field({ type: PlanRef, nullable: true, description: 'Its plan, as it stands once it has taken the news; null for an action on an ASB case.', resolve: (p) => p.plan }),
    asbCase: t.field({
      type: AsbCaseRef,
      nullable: true,
      description: 'Its ASB case, as it stands once it has taken the news (the assigned agency is on the case); null for an action on a plan.',
      resolve: (p) => p.asbCase,
    }),
    deduplicated: t.exposeBoolean('deduplicated', { description: 'True when this idempotency key was handled before and this is that first result.' }),
  }),
});

function schemaOf<T extends ActionCommand['type']>(type: T): z.ZodType<Extract<ActionCommand, { type: T }>> {
  return memberOf<ActionCommand, T>(actionCommandSchema, type);
}

/** Waits for the plan or case to take the news, then for the read models to show it all. */
async function answer(ctx: GraphQLContext, actionId: string, result: CommandResult<unknown>): Promise<ActionPayloadShape> {
  if (result.position) {
    await ctx.casebook.reactions.waitFor(result.position);
    const head = await ctx.casebook.store.headPosition();
    await readYourWrites(ctx, { position: head });
  }
  ctx.records.changedAction(actionId);
  const action = ctx.records.action(actionId)!;
  const { parent } = action.action;
  const plan = parent.kind === 'plan' ? (ctx.records.plan(parent.id) ?? null) : null;
  const asbCase = parent.kind === 'asbcase' ? (ctx.records.asbCase(parent.id) ?? null) : null;
  return { action, plan, asbCase, deduplicated: result.deduplicated };
}

const AssignmentInput = builder.inputType('AssigneeInput', {
  description: 'An agency, and optionally a named person in it.',
  fields: (t) => ({
    agencyId: t.string({ required: true, description: 'The agency id: police, council, housing, fire...' }),
    person: t.string({ required: false, description: 'Up to 120 characters.' }),
  }),
});

const AssignActionInput = builder.inputType('AssignActionInput', {
  description: 'A new action on a plan or an ASB case (exactly one of `planId` and `asbCaseId`): to whom, what, and by when.',
  fields: (t) => ({
    planId: t.globalID({ required: false, description: 'The plan’s global id, for an action on a plan. Give this or `asbCaseId`, not both.' }),
    asbCaseId: t.globalID({ required: false, description: 'The ASB case’s global id, for an action on a case. Give this or `planId`, not both.' }),
    assignee: t.field({ type: AssignmentInput, required: true, description: 'The agency to do it, and optionally a named person in it.' }),
    description: t.string({ required: true, description: 'What is to be done, up to 1,000 characters.' }),
    dueOn: t.field({ type: 'Date', required: true, description: 'The day it is due.' }),
    ...controlFields(t, { creates: true }),
  }),
});

const assignSchema = schemaOf('AssignAction');

builder.mutationField('assignAction', (t) =>
  t.field({
    type: ActionPayload,
    description:
      'Assigns an action on a plan or an ASB case to an agency, with the next reference of the year (ACT-2026-0420). Name exactly one of `planId` and `asbCaseId` (a `ValidationError` on the field otherwise); one out of the caller’s sight answers `NotFound`. On a plan, the agency answerable for it is the plan owner’s (or, with no owner yet, the caller’s), and the plan counts it among its response actions; a closed plan takes none (PLAN_CLOSED). On a case, the answerable agency is the case’s owning agency, and the assigned agency is on the case from then on (it sees the case and its people); a closed case takes none (ASB_CASE_CLOSED). Only the answerable agency or a coordinator assigns (ACTION_OWNER_ONLY).',
    errors: { types: mutationErrors, directResult: true, union: resultUnion('assignAction', 'ActionPayload') },
    args: { input: t.arg({ type: AssignActionInput, required: true, description: 'The plan or case, the assignee, what and when.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { planId: planGlobalId, asbCaseId: caseGlobalId, expectedRevision, idempotencyKey, ...fields } = input;
      if (!planGlobalId === !caseGlobalId) {
        // Neither or both: the caller who may change nothing is still refused first.
        commandOptions(ctx, { idempotencyKey });
        throw new InputValidationError([
          planGlobalId
            ? { path: 'asbCaseId', message: 'an action is on a plan or on an ASB case: give planId or asbCaseId, not both' }
            : { path: 'planId', message: 'name the plan (planId) or the ASB case (asbCaseId) the action is on' },
        ]);
      }
      // Out of sight is nonexistent, checked before anything else.
      const target = caseGlobalId ? { asbCase: caseInSight(ctx, caseGlobalId) } : { plan: planView(ctx, planGlobalId!.typename === 'Plan' ? planGlobalId!.id : '') };
      const options = commandOptions(ctx, { idempotencyKey });
      refuseExpectedRevisionOnCreation(expectedRevision, 'action');
      // Checked before a reference is reserved: a refused assignment uses up no number.
      const { parent, ownerAgencyId } = target.asbCase ? answerableForCase(target.asbCase) : answerableForPlan(ctx, target.plan!);
      const { type: _type, reference: _reference, ...assignment } = validated(assignSchema, {
        type: 'AssignAction',
        reference: 'ACT-0000-0001',
        parent,
        ownerAgencyId,
        ...(withoutNulls(fields) as Record<string, unknown>),
      });
      const actionId = newEntityId(ctx.principal, options.idempotencyKey, 'action');
      let result;
      try {
        result = await assignAction(ctx.casebook.commands, actionId, assignment, ctx.casebook.clock(), options);
      } catch (error) {
        throw typedRefusal(error);
      }
      return answer(ctx, actionId, result);
    },
  }),
);

/** A plan takes actions while it is open; the agency answerable for them is its owner's, or with no owner yet a coordinator's own. */
function answerableForPlan(ctx: GraphQLContext, plan: PlanView): { parent: { kind: 'plan'; id: string }; ownerAgencyId: string } {
  if (plan.plan.stage === 'closed') throw new DomainError('PLAN_CLOSED', `${plan.plan.reference} is closed: it takes no new actions until it is reopened.`);
  const ownerAgencyId = answerableAgencyOf(plan) ?? (ctx.principal.roles.includes('coordinator') ? ctx.principal.agencyId : undefined);
  if (!ownerAgencyId) {
    throw new DomainError('ACTION_OWNER_ONLY', `${plan.plan.reference} has no owner in an agency yet: until it has, a coordinator assigns its actions.`);
  }
  return { parent: { kind: 'plan', id: plan.planId }, ownerAgencyId };
}

/** The ASB case as the caller may see it; `NotFound` if it is not in their sight, exactly as if there were none. */
function caseInSight(ctx: GraphQLContext, globalId: { typename: string; id: string }): AsbCaseView {
  const view = globalId.typename === 'AsbCase' ? ctx.records.asbCase(globalId.id) : undefined;
  if (!view) throw new EntityNotFound('The ASB case');
  return view;
}

/** A case takes actions while it is open; its owning agency answers for them. */
function answerableForCase(view: AsbCaseView): { parent: { kind: 'asbcase'; id: string }; ownerAgencyId: string } {
  if (view.asbCase.status === 'closed') throw new DomainError('ASB_CASE_CLOSED', `${view.asbCase.reference} is closed: it takes no new actions until it is reopened.`);
  return { parent: { kind: 'asbcase', id: view.caseId }, ownerAgencyId: view.asbCase.owningAgencyId };
}

/** The agency answerable for a plan's actions: its owner's, when the owner belongs to an agency. */
function answerableAgencyOf(plan: PlanView | undefined): string | undefined {
  return plan?.plan.owner?.agencyId;
}

/** For the owner's commands: the plan owner's agency as it is now, so a new owner takes its rights over the action. */
function currentOwner(ctx: GraphQLContext, actionId: string): Record<string, unknown> {
  const action = ctx.records.action(actionId);
  const plan = action?.action.parent.kind === 'plan' ? ctx.records.plan(action.action.parent.id) : undefined;
  const agency = answerableAgencyOf(plan);
  return agency ? { answerableAgencyId: agency } : {};
}

const onAction = {
  typename: 'Action',
  kind: actionStream,
  streamName: actionStreamName,
  exists: (ctx: GraphQLContext, id: string) => ctx.records.action(id) !== undefined,
  payload: ActionPayload,
  answer,
};

defineStreamMutation({
  ...onAction,
  name: 'acceptAction',
  command: 'AcceptAction',
  schema: schemaOf('AcceptAction'),
  description: 'The assigned agency takes the action on (or a coordinator, on its behalf). ACTION_NOT_YOURS for another agency.',
  fields: () => ({}),
});

defineStreamMutation({
  ...onAction,
  name: 'reportActionProgress',
  command: 'ReportActionProgress',
  schema: schemaOf('ReportActionProgress'),
  description: 'A progress note from the assigned agency, with its author and time. Progress on a blocked action lifts the block.',
  fields: (t) => ({ note: t.string({ required: true, description: 'Up to 2,000 characters.' }) }),
});

defineStreamMutation({
  ...onAction,
  name: 'blockAction',
  command: 'BlockAction',
  schema: schemaOf('BlockAction'),
  description: 'The assigned agency says the action cannot go on, and why.',
  fields: (t) => ({ reason: t.string({ required: true, description: 'Up to 1,000 characters.' }) }),
});

defineStreamMutation({
  ...onAction,
  name: 'completeAction',
  command: 'CompleteAction',
  schema: schemaOf('CompleteAction'),
  description: 'The assigned agency records the action done, with its outcome and an evidence note. The plan’s process evaluation counts it.',
  fields: (t) => ({
    outcome: t.string({ required: true, description: 'Up to 2,000 characters.' }),
    evidence: t.string({ required: true, description: 'Where the evidence is, up to 2,000 characters.' }),
    doneOn: t.field({ type: 'Date', required: true, description: 'The day it was done; not in the future (`DATE_IN_FUTURE`).' }),
  }),
});

defineStreamMutation({
  ...onAction,
  name: 'cancelAction',
  prepare: (ctx, id, fields) => ({ ...fields, ...currentOwner(ctx, id) }),
  command: 'CancelAction',
  schema: schemaOf('CancelAction'),
  description: 'The agency answerable for the plan (or a coordinator) cancels the action, with a reason. ACTION_OWNER_ONLY otherwise.',
  fields: (t) => ({ reason: t.string({ required: true, description: 'Up to 1,000 characters.' }) }),
});

defineStreamMutation({
  ...onAction,
  name: 'reassignAction',
  prepare: (ctx, id, fields) => ({ ...fields, ...currentOwner(ctx, id) }),
  command: 'ReassignAction',
  schema: schemaOf('ReassignAction'),
  description: 'The answerable agency (or a coordinator) gives the action to another agency or person, with a reason. A new agency starts from assigned.',
  fields: (t) => ({
    assignee: t.field({
      type: AssignmentInput,
      required: true,
      description: 'The new agency, and optionally a named person in it. The same agency and person as now changes nothing.',
    }),
    reason: t.string({ required: true, description: 'Up to 1,000 characters.' }),
  }),
});

defineStreamMutation({
  ...onAction,
  name: 'rescheduleAction',
  prepare: (ctx, id, fields) => ({ ...fields, ...currentOwner(ctx, id) }),
  command: 'RescheduleAction',
  schema: schemaOf('RescheduleAction'),
  description: 'The answerable agency (or a coordinator) moves the due day, with a reason. The plan judges lateness against the new day.',
  fields: (t) => ({
    dueOn: t.field({ type: 'Date', required: true, description: 'The new due day. The day it is due now changes nothing.' }),
    reason: t.string({ required: true, description: 'Up to 1,000 characters.' }),
  }),
});
