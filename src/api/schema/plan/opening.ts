/**
 * `openPlan`: a new plan, with the next reference of the year. The plan's id
 * comes from the idempotency key when there is one, so a retried open lands on
 * the same plan; its reference comes from the year's reference book.
 */
import { newEntityId } from '../../../app/command-handler.js';
import { planStream, planStreamName, referenceBookStream, referenceBookStreamName } from '../../../app/plan-stream.js';
import { planDecider } from '../../../domain/plan/decider.js';
import { planReference } from '../../../domain/plan/reference-book.js';
import { builder } from '../builder.js';
import { carryOut, controlFields, typedRefusal, validated } from '../commanding.js';
import { mutationErrors } from '../errors.js';
import { RaisingPartyInput } from './inputs.js';
import { commandSchema, PlanPayload, planView, withoutNulls } from './plan-mutation.js';

const OpenPlanInput = builder.inputType('OpenPlanInput', {
  fields: (t) => ({
    title: t.string({ required: true, description: 'Up to 200 characters.' }),
    description: t.string({ required: false, description: 'Up to 4,000 characters.' }),
    neighbourhoodId: t.string({ required: true, description: 'The neighbourhood (a UUID) the problem is in.' }),
    priorityId: t.string({ required: false, description: 'The neighbourhood priority (a UUID) the plan tackles, if any.' }),
    raisedBy: t.field({ type: [RaisingPartyInput], required: true, description: 'Who raised the problem: at least one. Each must be satisfied before the plan closes.' }),
    openedOn: t.field({ type: 'Date', required: true }),
    ...controlFields(t),
  }),
});

const openPlanSchema = commandSchema('OpenPlan');

builder.mutationField('openPlan', (t) =>
  t.field({
    type: PlanPayload,
    description: 'Opens a SARA plan in the scanning stage, with the next reference of the year (PSP-2026-0007).',
    errors: { types: mutationErrors, directResult: true },
    args: { input: t.arg({ type: OpenPlanInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { expectedRevision, idempotencyKey, ...fields } = input;
      const year = Number(String(fields.openedOn).slice(0, 4));
      // Validated with a stand-in reference, and decided once without writing, so that an invalid or refused
      // opening never uses up a number of the year's book.
      const draft = validated(openPlanSchema, { type: 'OpenPlan', reference: planReference(year, 1), ...(withoutNulls(fields) as Record<string, unknown>) });
      try {
        planDecider.decide(draft, planDecider.initialState(), { now: ctx.casebook.clock(), actor: ctx.principal });
      } catch (error) {
        throw typedRefusal(error);
      }
      const planId = newEntityId(ctx.principal, idempotencyKey ?? undefined, 'plan');
      const reserved = await carryOut(ctx, referenceBookStream, referenceBookStreamName(year), { type: 'ReservePlanReference', planId, year }, {});
      const number = reserved.state.byPlan.get(planId)!;
      const result = await carryOut(ctx, planStream, planStreamName(planId), { ...draft, reference: planReference(year, number) }, { expectedRevision, idempotencyKey });
      return { plan: planView(ctx, planId), deduplicated: result.deduplicated };
    },
  }),
);
