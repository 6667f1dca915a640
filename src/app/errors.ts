import type { z } from 'zod';

/** The stream moved on since the revision the caller said it had read. */
export class ConcurrencyConflict extends Error {
  override readonly name = 'ConcurrencyConflict';
  constructor(
    readonly streamId: string,
    readonly expectedRevision: bigint | 'no_stream',
    readonly actualRevision: bigint | 'no_stream',
  ) {
    super(
      `This record has changed since you read it: you expected revision ${String(expectedRevision)}, it is now at ${String(actualRevision)}. Reload it and try again.`,
    );
  }
}

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** Input that does not satisfy its schema. Nothing was written. */
export class InputValidationError extends Error {
  override readonly name = 'InputValidationError';
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super(`The input is not valid: ${fieldErrors.map((f) => `${f.path || '(input)'}: ${f.message}`).join('; ')}`);
  }

  static fromZod(error: z.ZodError, prefix = ''): InputValidationError {
    return new InputValidationError(
      error.issues.map((issue) => ({
        path: [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.'),
        message: issue.message,
      })),
    );
  }
}

/** The entity does not exist, or the caller may not know that it does: the two answer alike. */
export class EntityNotFound extends Error {
  override readonly name = 'EntityNotFound';
  constructor(readonly what: string) {
    super(`${what} was not found`);
  }
}
