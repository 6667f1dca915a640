/**
 * A mutation on one existing record (a plan, an action): `input { <id field>,
 * expectedRevision, idempotencyKey, ...the command's fields }` -> its payload
 * or a typed error. The input mirrors the command, so the command's own zod
 * schema validates it and its field paths are the input's.
 */
import type { ObjectRef } from '@pothos/core';
import type { z } from 'zod';
import type { CommandOptions, CommandResult, StreamKind } from '../../app/command-handler.js';
import { EntityNotFound } from '../../app/errors.js';
import type { GraphQLContext } from '../context.js';
import { builder, type CasebookTypes, type InputFields } from './builder.js';
import { carryOut, commandOptions, controlFields, validated } from './commanding.js';
import { mutationErrors, resultUnion } from './errors.js';

export interface StreamMutation<Command extends { type: string }, Event extends { type: string }, State, Payload> {
  readonly name: string;
  readonly description: string;
  readonly command: Command['type'];
  /** The record's GraphQL type, which names its id field: `Plan` -> `planId`. */
  readonly typename: string;
  /** What the record is called in descriptions and messages, when not its type name in lower case: `ASB case`. */
  readonly what?: string;
  readonly schema: z.ZodType<Command>;
  readonly kind: StreamKind<Command, Event, State>;
  readonly streamName: (id: string) => string;
  readonly exists: (ctx: GraphQLContext, id: string) => boolean;
  readonly payload: ObjectRef<PothosSchemaTypes.ExtendDefaultTypes<CasebookTypes>, Payload>;
  /** The answer once the change is in the read models. */
  readonly answer: (ctx: GraphQLContext, id: string, result: CommandResult<State>, command: Command) => Payload | Promise<Payload>;
  /** The command's fields as GraphQL input fields (the id and the controls are added). */
  readonly fields: (t: InputFields) => Record<string, ReturnType<InputFields['string']> | ReturnType<InputFields['field']>>;
  /**
   * The command's fields from the input's: what the application adds or
   * reshapes from what it knows now, never taken from the caller. Runs once
   * the record is found in sight and the caller may change it, before
   * validation.
   */
  readonly prepare?: (ctx: GraphQLContext, id: string, fields: Record<string, unknown>, options: CommandOptions) => Record<string, unknown>;
}

export function defineStreamMutation<Command extends { type: string }, Event extends { type: string }, State, Payload>(spec: StreamMutation<Command, Event, State, Payload>): void {
  const idField = `${spec.typename[0]!.toLowerCase()}${spec.typename.slice(1)}Id`;
  const what = spec.what ?? spec.typename.toLowerCase();
  const Input = builder.inputType(`${spec.name[0]!.toUpperCase()}${spec.name.slice(1)}Input`, {
    description: `What \`${spec.name}\` takes: the ${what}’s id, the change, and optionally \`expectedRevision\` and \`idempotencyKey\`.`,
    fields: (t) => ({
      [idField]: t.globalID({ required: true, description: `The ${what}’s global id.` }),
      ...spec.fields(t),
      ...controlFields(t),
    }),
  });
  builder.mutationField(spec.name, (t) =>
    t.field({
      type: spec.payload,
      description: spec.description,
      errors: { types: mutationErrors, directResult: true, union: resultUnion(spec.name, spec.payload.name) },
      args: { input: t.arg({ type: Input, required: true, description: `The ${what}, the change, and optionally expectedRevision and idempotencyKey.` }) },
      // Pothos cannot relate a generic payload type to its resolver's; the types of the parts are checked here instead.
      resolve: (async (_root: unknown, { input }: { input: Record<string, unknown> }, ctx: GraphQLContext): Promise<Payload> => {
        const { [idField]: globalId, expectedRevision, idempotencyKey, ...fields } = input as Record<string, unknown> & {
          expectedRevision?: number | null;
          idempotencyKey?: string | null;
        };
        const { typename, id } = globalId as { typename: string; id: string };
        // Out of sight is nonexistent: checked before anything else, so the answer cannot tell the two apart.
        if (typename !== spec.typename || !spec.exists(ctx, id)) throw new EntityNotFound(`The ${what}`);
        const options = commandOptions(ctx, { expectedRevision, idempotencyKey });
        const given = withoutNulls(fields) as Record<string, unknown>;
        const command = validated(spec.schema, { ...(spec.prepare ? spec.prepare(ctx, id, given, options) : given), type: spec.command });
        const result = await carryOut(ctx, spec.kind, spec.streamName(id), command, options);
        return spec.answer(ctx, id, result, command);
      }) as never,
    }),
  );
}

/** One command's schema in its discriminated union, to validate the input that becomes that command. */
export function memberOf<Command extends { type: string }, T extends Command['type']>(
  union: { readonly options: ReadonlyArray<{ readonly shape: { readonly type: { readonly value: unknown } } }> },
  type: T,
): z.ZodType<Extract<Command, { type: T }>> {
  const member = union.options.find((option) => option.shape.type.value === type);
  if (!member) throw new Error(`No command ${type}`);
  return member as unknown as z.ZodType<Extract<Command, { type: T }>>;
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
