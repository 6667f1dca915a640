import type { Logger } from 'pino';
import type { Casebook } from '../casebook.js';
import type { Principal } from './auth.js';

/** What every resolver is given: who asks, the request's correlation id, and Casebook itself. */
export interface GraphQLContext {
  readonly principal: Principal;
  readonly correlationId: string;
  readonly casebook: Casebook;
  readonly log: Logger;
}

/** The calendar day by the server's clock, against which "overdue" is judged. */
export function todayOf(ctx: Pick<GraphQLContext, 'casebook'>): string {
  return ctx.casebook.clock().toISOString().slice(0, 10);
}
