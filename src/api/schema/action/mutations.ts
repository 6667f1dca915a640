/**
 * Partner actions over GraphQL. `assignAction` gives a plan an action; the
 * rest are the assigned agency's updates and the answerable agency's changes.
 * Each answer waits until the plan has taken the news (the plan-action
 * reactor), so it shows both the action and its plan as they now are.
 */
import type { z } from 'zod';
import { actionStream, actionStreamName, assignAction } from '../../../app/action-stream.js';
import { newEntityId } from '../../../app/command-handler.js';
import type { CommandResult } from '../../../app/command-handler.js';
import { type ActionCommand, actionCommandSchema } from '../../../domain/action/commands.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { ActionView } from '../../../projections/actions.js';
import type { PlanView } from '../../../projections/plans.js';
import type { GraphQLContext } from '../../context.js';
import { builder } from '../builder.js';
import { commandOptions, controlFields, readYourWrites, refuseExpectedRevisionOnCreation, typedRefusal, validated } from '../commanding.js';
import { mutationErrors, resultUnion } from '../errors.js';
import { planView } from '../plan/plan-mutation.js';
import { PlanRef } from '../plan/plan-type.js';
import { defineStreamMutation, memberOf, withoutNulls } from '../stream-mutation.js';
import { ActionRef } from './action-type.js';

interface ActionPayloadShape {
  readonly action: ActionView;
  readonly plan: PlanView | null;
  readonly deduplicated: boolean;
}

const ActionPayload = builder.objectRef<ActionPayloadShape>('ActionPayload').implement({
  description: 'The action after the change, and its plan, which has taken the news.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'action' in value && 'deduplicated' in value,
  fields: (t) => ({
    action: t.field({ type: ActionRef, description: 'The action as it stands after the change.', resolve: (p) => p.action }),
    plan: t.field({ type: PlanRef, nullable: true, description: 'Its plan, as it stands once it has taken the news; null for an action on an ASB case.', resolve: (p) => p.plan }),
    deduplicated: t.exposeBoolean('deduplicated', { description: 'True when this idempotency key was handled before and this is that first result.' }),
  }),
});

function schemaOf<T extends ActionCommand['type']>(type: T): z.ZodType<Extract<ActionCommand, { type: T }>> {
  return memberOf<ActionCommand, T>(actionCommandSchema, type);
}

/** Waits for the plan to take the news, then for the read models to show it all. */
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
  return { action, plan, deduplicated: result.deduplicated };
}

const AssignmentInput = builder.inputType('AssigneeInput', {
  description: 'An agency, and optionally a named person in it.',
  fields: (t) => ({
    agencyId: t.string({ required: true, description: 'The agency id: police, council, housing, fire...' }),
    person: t.string({ required: false, description: 'Up to 120 characters.' }),
  }),
});

const AssignActionInput = builder.inputType('AssignActionInput', {
  description: 'A new action on a plan: to whom, what, and by when.',
  fields: (t) => ({
    planId: t.globalID({ required: true, description: 'The plan’s global id.' }),
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
      'Assigns an action on a plan to an agency, with the next reference of the year (ACT-2026-0420). The agency answerable for it is the plan owner’s (or, with no owner yet, the caller’s); only that agency or a coordinator assigns (ACTION_OWNER_ONLY). The plan counts it among its response actions.',
    errors: { types: mutationErrors, directResult: true, union: resultUnion('assignAction', 'ActionPayload') },
    args: { input: t.arg({ type: AssignActionInput, required: true, description: 'The plan, the assignee, what and when.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { planId: globalId, expectedRevision, idempotencyKey, ...fields } = input;
      const plan = planView(ctx, globalId.typename === 'Plan' ? globalId.id : '');
      const options = commandOptions(ctx, { idempotencyKey });
      refuseExpectedRevisionOnCreation(expectedRevision, 'action');
      // Checked before a reference is reserved: a refused assignment uses up no number.
      if (plan.plan.stage === 'closed') throw new DomainError('PLAN_CLOSED', `${plan.plan.reference} is closed: it takes no new actions until it is reopened.`);
      const parent = { kind: 'plan' as const, id: plan.planId };
      const ownerAgencyId = answerableAgencyOf(plan) ?? (ctx.principal.roles.includes('coordinator') ? ctx.principal.agencyId : undefined);
      if (!ownerAgencyId) {
        throw new DomainError('ACTION_OWNER_ONLY', `${plan.plan.reference} has no owner in an agency yet: until it has, a coordinator assigns its actions.`);
      }
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
  enrich: currentOwner,
  command: 'CancelAction',
  schema: schemaOf('CancelAction'),
  description: 'The agency answerable for the plan (or a coordinator) cancels the action, with a reason. ACTION_OWNER_ONLY otherwise.',
  fields: (t) => ({ reason: t.string({ required: true, description: 'Up to 1,000 characters.' }) }),
});

defineStreamMutation({
  ...onAction,
  name: 'reassignAction',
  enrich: currentOwner,
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
  enrich: currentOwner,
  command: 'RescheduleAction',
  schema: schemaOf('RescheduleAction'),
  description: 'The answerable agency (or a coordinator) moves the due day, with a reason. The plan judges lateness against the new day.',
  fields: (t) => ({
    dueOn: t.field({ type: 'Date', required: true, description: 'The new due day. The day it is due now changes nothing.' }),
    reason: t.string({ required: true, description: 'Up to 1,000 characters.' }),
  }),
});
