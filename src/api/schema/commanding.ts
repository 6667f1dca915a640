/**
 * What every mutation does around its command: validate the input with the
 * command's own zod schema (field paths in `ValidationError`), carry it out
 * with the caller's `expectedRevision` and `idempotencyKey`, turn a refusal
 * into its typed error, and wait until the read models show the change before
 * answering (read-your-writes).
 */
import { z } from 'zod';
import type { CommandOptions, CommandResult, StreamKind } from '../../app/command-handler.js';
import { InputValidationError } from '../../app/errors.js';
import { DomainError, DomainForbidden } from '../../domain/shared/domain-error.js';
import { PersonErased } from '../../eventstore/person-keyring.js';
import type { GraphQLContext } from '../context.js';
import type { InputFields } from './builder.js';
import { ForbiddenAction } from './errors.js';

/** The two fields every mutation input carries (API.md). */
export interface CommandControls {
  readonly expectedRevision?: number | null | undefined;
  readonly idempotencyKey?: string | null | undefined;
}

const controlsSchema = z.object({
  expectedRevision: z.number().int().min(0, 'a revision is 0 or more').nullish(),
  idempotencyKey: z
    .string()
    .trim()
    .min(1, 'an idempotency key cannot be empty')
    .max(200, 'at most 200 characters')
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces, e.g. a UUID')
    .nullish(),
});

/** Adds `expectedRevision` and `idempotencyKey` to a mutation input. */
export function controlFields(t: InputFields, { creates = false }: { readonly creates?: boolean } = {}) {
  return {
    expectedRevision: t.int({
      required: false,
      description: creates
        ? 'Leave it out: a new record has no revision yet, and sending one answers a `ValidationError` (it is here so every input has the same two controls).'
        : 'The revision you last read. If the record has moved on since, nothing is written and the answer is a `ConflictError` with its actual revision.',
    }),
    idempotencyKey: t.string({
      required: false,
      description: 'Your key for this request (up to 200 printable characters, e.g. a UUID). Sending the same key again does the work once and answers the same result.',
    }),
  };
}

/** Parses input against a schema, or throws the `ValidationError` that names each wrong field (paths relative to `input`). */
export function validated<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw InputValidationError.fromZod(result.error);
  return result.data;
}

/** A record being created has no revision to expect: said before anything is written or reserved. */
export function refuseExpectedRevisionOnCreation(expectedRevision: number | null | undefined, what: string): void {
  if (expectedRevision !== null && expectedRevision !== undefined) {
    throw new InputValidationError([{ path: 'expectedRevision', message: `a new ${what} has no revision yet: leave expectedRevision out` }]);
  }
}

/**
 * Who asks, under which request, and the caller's controls once validated.
 * Every mutation passes here first, so a caller who may change nothing (an
 * auditor) is refused before its input is even read.
 */
export function commandOptions(ctx: GraphQLContext, controls: CommandControls): CommandOptions {
  if (!ctx.records.mayChange) throw new ForbiddenAction('Auditors read the record; they change nothing.');
  const { expectedRevision, idempotencyKey } = validated(controlsSchema, { expectedRevision: controls.expectedRevision, idempotencyKey: controls.idempotencyKey });
  return {
    actor: ctx.principal,
    correlationId: ctx.correlationId,
    ...(expectedRevision !== null && expectedRevision !== undefined ? { expectedRevision: BigInt(expectedRevision) } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  };
}

/** A decider's refusal of who is asking is the API's `Forbidden`; every other error passes as it is. */
export function typedRefusal(error: unknown): unknown {
  if (error instanceof DomainForbidden) return new ForbiddenAction(error.message);
  // The keyring refuses a key to a person erased on another case: the same rule the case's decider keeps on its own.
  if (error instanceof PersonErased) return new DomainError('PERSON_ERASED', `Person ${error.personId} has been erased: nothing more can be recorded about them.`);
  return error;
}

export async function carryOut<Command extends { type: string }, Event extends { type: string }, State>(
  ctx: GraphQLContext,
  kind: StreamKind<Command, Event, State>,
  streamId: string,
  command: Command,
  options: CommandOptions,
): Promise<CommandResult<State>> {
  let result: CommandResult<State>;
  try {
    result = await ctx.casebook.commands.handle(kind, streamId, command, options);
  } catch (error) {
    throw typedRefusal(error);
  }
  await readYourWrites(ctx, result);
  return result;
}

/** Waits until the read models have passed what the command wrote, so the answer shows the change. */
export async function readYourWrites(ctx: GraphQLContext, result: { readonly position: CommandResult<unknown>['position'] }): Promise<void> {
  if (result.position) await ctx.casebook.projections.waitFor(result.position);
}
