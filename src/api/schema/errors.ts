/**
 * The typed errors every mutation answers in its result union (API.md). Each
 * is the GraphQL face of one class thrown below the API, so a resolver throws
 * what happened and the errors plugin turns it into the right union member.
 */
import { ConcurrencyConflict, EntityNotFound, InputValidationError } from '../../app/errors.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { builder } from './builder.js';

/** The caller may not do this. Queries never use it: there, what a caller may not see does not exist. */
export class ForbiddenAction extends Error {
  override readonly name = 'ForbiddenAction';
}

const ErrorInterface = builder.interfaceType(Error, {
  name: 'Error',
  description: 'Something that stopped a mutation. Nothing was written.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'A sentence for a person.' }),
  }),
});

const FieldErrorType = builder.objectRef<{ path: string; message: string }>('FieldError').implement({
  description: 'One field of the input that is not valid.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Dotted path of the field inside `input`, e.g. `objectives.0.target`.' }),
    message: t.exposeString('message', { description: 'What is wrong with it, e.g. “at most 200 characters”.' }),
  }),
});

builder.objectType(InputValidationError, {
  name: 'ValidationError',
  description: 'The input does not satisfy its schema.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InputValidationError,
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldErrorType], description: 'Each field that is not valid, with what is wrong with it.', resolve: (e) => [...e.fieldErrors] }),
  }),
});

function revisionOrNull(revision: bigint | 'no_stream'): number | null {
  return revision === 'no_stream' ? null : Number(revision);
}

builder.objectType(ConcurrencyConflict, {
  name: 'ConflictError',
  description: 'The record changed since the revision you gave in `expectedRevision`. Read it again and retry.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConcurrencyConflict,
  fields: (t) => ({
    expectedRevision: t.int({ nullable: true, description: 'The revision you expected; null means "not yet created".', resolve: (e) => revisionOrNull(e.expectedRevision) }),
    actualRevision: t.int({ nullable: true, description: 'The revision it is at now.', resolve: (e) => revisionOrNull(e.actualRevision) }),
  }),
});

builder.objectType(DomainError, {
  name: 'RuleViolation',
  description: 'A rule of the domain forbids this (DOMAIN.md). `code` is stable: branch on it.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof DomainError,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'A stable code such as `PLAN_NOT_READY_FOR_RESPONSE`.' }),
  }),
});

builder.objectType(EntityNotFound, {
  name: 'NotFound',
  description: 'No such record, or none you may see.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof EntityNotFound,
  fields: () => ({}),
});

builder.objectType(ForbiddenAction, {
  name: 'Forbidden',
  description: 'You may see this record but not make this change.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ForbiddenAction,
  fields: () => ({}),
});

/** The error classes every mutation's union carries. */
export const mutationErrors = [InputValidationError, ConcurrencyConflict, DomainError, EntityNotFound, ForbiddenAction];

/** The options of a mutation's result union (the errors plugin makes the type): its description. */
export function resultUnion(mutation: string, payload: string) {
  return {
    description: `What \`${mutation}\` answers: the \`${payload}\` when it is done, or the \`ValidationError\`, \`ConflictError\`, \`RuleViolation\`, \`NotFound\` or \`Forbidden\` that stopped it, with nothing written.`,
  };
}
