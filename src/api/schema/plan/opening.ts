/**
 * `openPlan`: a new plan, with the next reference of the year. The plan's id
 * comes from the idempotency key when there is one, so a retried open lands on
 * the same plan (app/plan-opening.ts gives it its reference).
 */
import { newEntityId } from '../../../app/command-handler.js';
import { InputValidationError } from '../../../app/errors.js';
import { neighbourhoodsProjection } from '../../../projections/neighbourhoods.js';
import type { GraphQLContext } from '../../context.js';
import { openPlan } from '../../../app/plan-opening.js';
import { builder } from '../builder.js';
import { commandOptions, controlFields, readYourWrites, refuseExpectedRevisionOnCreation, typedRefusal, validated } from '../commanding.js';
import { mutationErrors, resultUnion } from '../errors.js';
import { RaisingPartyInput } from './inputs.js';
import { commandSchema, PlanPayload, planView, withoutNulls } from './plan-mutation.js';

const OpenPlanInput = builder.inputType('OpenPlanInput', {
  description: 'What `openPlan` takes: the new plan, and optionally an `idempotencyKey`. A new plan has no revision: leave `expectedRevision` out.',
  fields: (t) => ({
    title: t.string({ required: true, description: 'Up to 200 characters.' }),
    description: t.string({ required: false, description: 'Up to 4,000 characters.' }),
    neighbourhoodId: t.string({ required: true, description: 'The neighbourhood (a UUID) the problem is in.' }),
    priorityId: t.string({ required: false, description: 'The neighbourhood priority (a UUID) the plan tackles, if any.' }),
    raisedBy: t.field({ type: [RaisingPartyInput], required: true, description: 'Who raised the problem: at least one. Each must be satisfied before the plan closes.' }),
    openedOn: t.field({ type: 'Date', required: true, description: 'The day the plan was opened; not in the future. Its year is the year of the reference.' }),
    ...controlFields(t, { creates: true }),
  }),
});

const openPlanSchema = commandSchema('OpenPlan');

/** A plan is in a neighbourhood the partnership has defined, and tackles one of its current priorities, if any. */
function refuseUnknownPlace(ctx: GraphQLContext, neighbourhoodId: string, priorityId: string | undefined): void {
  const neighbourhood = ctx.casebook.projections.model(neighbourhoodsProjection).get(neighbourhoodId)?.state;
  if (!neighbourhood?.neighbourhood) {
    throw new InputValidationError([{ path: 'neighbourhoodId', message: 'no such neighbourhood: `neighbourhoods` lists them with their ids' }]);
  }
  if (priorityId !== undefined && !neighbourhood.current.has(priorityId)) {
    throw new InputValidationError([{ path: 'priorityId', message: `not a current priority of ${neighbourhood.neighbourhood.name}: \`neighbourhoodPriorities\` lists them` }]);
  }
}

builder.mutationField('openPlan', (t) =>
  t.field({
    type: PlanPayload,
    description: 'Opens a SARA plan in the scanning stage, with the next reference of the year (PSP-2026-0007).',
    errors: { types: mutationErrors, directResult: true, union: resultUnion('openPlan', 'PlanPayload') },
    args: { input: t.arg({ type: OpenPlanInput, required: true, description: 'The new plan, and optionally an idempotencyKey.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { expectedRevision, idempotencyKey, ...fields } = input;
      const options = commandOptions(ctx, { idempotencyKey });
      refuseExpectedRevisionOnCreation(expectedRevision, 'plan');
      // Validated with a stand-in reference: the real one is given only to an opening that will be written.
      const { type: _type, reference: _reference, ...opening } = validated(openPlanSchema, { type: 'OpenPlan', reference: 'PSP-0000-0001', ...(withoutNulls(fields) as Record<string, unknown>) });
      refuseUnknownPlace(ctx, opening.neighbourhoodId, opening.priorityId);
      const planId = newEntityId(ctx.principal, options.idempotencyKey, 'plan');
      let result;
      try {
        result = await openPlan(ctx.casebook.commands, planId, opening, ctx.casebook.clock(), options);
      } catch (error) {
        throw typedRefusal(error);
      }
      await readYourWrites(ctx, result);
      ctx.records.changed(planId);
      return { plan: planView(ctx, planId), deduplicated: result.deduplicated };
    },
  }),
);
