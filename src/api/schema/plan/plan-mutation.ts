/**
 * A mutation on an existing plan, the shape every plan mutation but
 * `openPlan` shares: `input { planId, expectedRevision, idempotencyKey, ...the
 * command's fields }` -> `PlanPayload` or a typed error. The input mirrors
 * the command, so the command's own zod schema validates it and its field
 * paths are the input's.
 */
import type { z } from 'zod';
import { planStreamName, planStream } from '../../../app/plan-stream.js';
import { EntityNotFound } from '../../../app/errors.js';
import { type PlanCommand, planCommandSchema } from '../../../domain/plan/commands.js';
import type { PlanEvent } from '../../../domain/plan/events.js';
import type { PlanState } from '../../../domain/plan/state.js';
import type { PlanView } from '../../../projections/plans.js';
import type { GraphQLContext } from '../../context.js';
import { builder, type InputFields } from '../builder.js';
import { defineStreamMutation, memberOf, type StreamMutation, withoutNulls } from '../stream-mutation.js';
import { PlanRef } from './plan-type.js';

export interface PlanPayloadShape {
  readonly plan: PlanView;
  readonly deduplicated: boolean;
}

export const PlanPayload = builder.objectRef<PlanPayloadShape>('PlanPayload').implement({
  description: 'The plan as it stands after the change (read-your-writes: the change is in it).',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'plan' in value && 'deduplicated' in value,
  fields: (t) => ({
    plan: t.field({ type: PlanRef, description: 'The plan as it stands after the change.', resolve: (p) => p.plan }),
    deduplicated: t.exposeBoolean('deduplicated', { description: 'True when this idempotency key was handled before and this is that first result.' }),
  }),
});

/** The zod schema of one plan command, for validating the input that becomes it. */
export function commandSchema<T extends PlanCommand['type']>(type: T): z.ZodType<Extract<PlanCommand, { type: T }>> {
  return memberOf<PlanCommand, T>(planCommandSchema, type);
}

/** The plan as the caller may see it; `NotFound` if it is not in their sight, exactly as if there were none. */
export function planView(ctx: GraphQLContext, planId: string): PlanView {
  const view = ctx.records.plan(planId);
  if (!view) throw new EntityNotFound('The plan');
  return view;
}

export interface PlanMutationDefinition<T extends PlanCommand['type']> {
  readonly name: string;
  readonly command: T;
  readonly description: string;
  /** The command's fields as GraphQL input fields (planId and the controls are added). */
  readonly fields: (t: InputFields) => Record<string, ReturnType<InputFields['string']> | ReturnType<InputFields['field']>>;
  /** What the application adds to the input's fields before validation (see `defineStreamMutation`). */
  readonly prepare?: StreamMutation<PlanCommand, PlanEvent, PlanState, PlanPayloadShape>['prepare'];
}

export function definePlanMutation<T extends PlanCommand['type']>(definition: PlanMutationDefinition<T>): void {
  defineStreamMutation({
    ...definition,
    typename: 'Plan',
    schema: commandSchema(definition.command) as z.ZodType<PlanCommand>,
    kind: planStream,
    streamName: planStreamName,
    exists: (ctx, id) => ctx.records.plan(id) !== undefined,
    payload: PlanPayload,
    answer: (ctx, id, result) => {
      ctx.records.changed(id);
      return { plan: planView(ctx, id), deduplicated: result.deduplicated };
    },
  });
}

export { withoutNulls };
