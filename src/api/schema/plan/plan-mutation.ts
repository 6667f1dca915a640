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
import { type PlanView, plansProjection } from '../../../projections/plans.js';
import type { GraphQLContext } from '../../context.js';
import { builder, type InputFields } from '../builder.js';
import { carryOut, controlFields, validated } from '../commanding.js';
import { mutationErrors } from '../errors.js';
import { PlanRef } from './plan-type.js';

export interface PlanPayloadShape {
  readonly plan: PlanView;
  readonly deduplicated: boolean;
}

export const PlanPayload = builder.objectRef<PlanPayloadShape>('PlanPayload').implement({
  description: 'The plan as it stands after the change (read-your-writes: the change is in it).',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'plan' in value && 'deduplicated' in value,
  fields: (t) => ({
    plan: t.field({ type: PlanRef, resolve: (p) => p.plan }),
    deduplicated: t.exposeBoolean('deduplicated', { description: 'True when this idempotency key was handled before and this is that first result.' }),
  }),
});

/** The zod schema of one plan command, for validating the input that becomes it. */
export function commandSchema<T extends PlanCommand['type']>(type: T): z.ZodType<Extract<PlanCommand, { type: T }>> {
  const member = planCommandSchema.options.find((option) => option.shape.type.value === type);
  if (!member) throw new Error(`No plan command ${type}`);
  return member as unknown as z.ZodType<Extract<PlanCommand, { type: T }>>;
}

export function planView(ctx: GraphQLContext, planId: string): PlanView {
  const view = ctx.casebook.projections.model(plansProjection).plans.get(planId);
  if (!view) throw new EntityNotFound('The plan');
  return view;
}

/** The plan's id from a global id, or NotFound: an id of another type names no plan. */
export function planIdOf(globalId: { typename: string; id: string }): string {
  if (globalId.typename !== 'Plan') throw new EntityNotFound('The plan');
  return globalId.id;
}

export interface PlanMutationDefinition<T extends PlanCommand['type']> {
  readonly name: string;
  readonly command: T;
  readonly description: string;
  /** The command's fields as GraphQL input fields (planId and the controls are added). */
  readonly fields: (t: InputFields) => Record<string, ReturnType<InputFields['string']> | ReturnType<InputFields['field']>>;
}

export function definePlanMutation<T extends PlanCommand['type']>(definition: PlanMutationDefinition<T>): void {
  const schema = commandSchema(definition.command);
  const Input = builder.inputType(`${definition.name[0]!.toUpperCase()}${definition.name.slice(1)}Input`, {
    description: `What \`${definition.name}\` takes: the plan’s id, the change, and optionally \`expectedRevision\` and \`idempotencyKey\`.`,
    fields: (t) => ({
      planId: t.globalID({ required: true, description: 'The plan’s global id.' }),
      ...definition.fields(t),
      ...controlFields(t),
    }),
  });
  builder.mutationField(definition.name, (t) =>
    t.field({
      type: PlanPayload,
      description: definition.description,
      errors: { types: mutationErrors, directResult: true },
      args: { input: t.arg({ type: Input, required: true, description: 'The plan, the change, and optionally expectedRevision and idempotencyKey.' }) },
      resolve: async (_root, { input }, ctx) => {
        const planId = planIdOf(input.planId);
        planView(ctx, planId);
        const { planId: _planId, expectedRevision, idempotencyKey, ...fields } = input as Record<string, unknown> & {
          planId: unknown;
          expectedRevision?: number | null;
          idempotencyKey?: string | null;
        };
        const command = validated(schema, { type: definition.command, ...(withoutNulls(fields) as Record<string, unknown>) });
        const result = await carryOut(ctx, planStream, planStreamName(planId), command, { expectedRevision, idempotencyKey });
        return { plan: planView(ctx, planId), deduplicated: result.deduplicated };
      },
    }),
  );
}

/** GraphQL sends an optional field left out as null; the commands leave it out. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}
