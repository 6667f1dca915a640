/**
 * A rule of the domain was broken. `code` is stable: partners' systems branch
 * on it, so a code once published is never renamed. The API answers it as
 * `RuleViolation { code, message }`.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The caller may not do this to this stream (the access rules of the decider itself). */
export class DomainForbidden extends DomainError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}
