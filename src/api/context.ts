import type { Logger } from 'pino';
import { disclosureLedgerStream, disclosureStreamName } from '../app/disclosure-ledger.js';
import type { Casebook } from '../casebook.js';
import { gatewayFor } from '../domain/disclosure/ledger.js';
import { actionsProjection } from '../projections/actions.js';
import { personalDataStandingsProjection } from '../projections/personal-data-standings.js';
import { asbCasesProjection } from '../projections/asb-cases.js';
import { plansProjection } from '../projections/plans.js';
import { type RecordDisclosures, RecordsInSight } from './access-policy.js';
import type { Principal } from './auth.js';

/** What every resolver is given: who asks, the request's correlation id, what they may see, and Casebook itself. */
export interface GraphQLContext {
  readonly principal: Principal;
  readonly correlationId: string;
  readonly casebook: Casebook;
  /** The plans, cases and actions this caller may see: the only way resolvers reach them. */
  readonly records: RecordsInSight;
  readonly log: Logger;
}

export function recordsInSightOf(casebook: Casebook, principal: Principal, correlationId: string): RecordsInSight {
  return new RecordsInSight(
    principal,
    () => casebook.projections.model(plansProjection),
    () => casebook.projections.model(actionsProjection),
    () => casebook.projections.model(asbCasesProjection),
    disclosureRecorder(casebook, principal, correlationId),
    () => casebook.projections.model(personalDataStandingsProjection),
  );
}

/** Writes one request's disclosures to its reader's ledger for the day, on the gateway its agency shares under. */
function disclosureRecorder(casebook: Casebook, principal: Principal, correlationId: string): RecordDisclosures {
  return async (requests) => {
    const readAt = casebook.clock();
    const reader = { userId: principal.userId, agencyId: principal.agencyId, roles: [...principal.roles] };
    const gateway = gatewayFor(casebook.informationSharing, reader);
    await casebook.commands.handle(
      disclosureLedgerStream,
      disclosureStreamName(principal.agencyId, readAt),
      { type: 'RecordDisclosures', disclosures: requests.map((request) => ({ ...request, gateway })), readAt: readAt.toISOString(), reader, correlationId },
      { actor: principal, correlationId },
    );
  };
}

const TODAY = Symbol('today');

/**
 * The calendar day by the server's clock, against which "overdue" is judged.
 * Read once a second at most per request (kept on the context itself): a
 * plan's twenty actions each ask, and a subscription's context lives for hours.
 */
export function todayOf(ctx: Pick<GraphQLContext, 'casebook'>): string {
  const held = ctx as { [TODAY]?: { readonly day: string; readonly until: number } };
  const known = held[TODAY];
  const now = Date.now();
  if (known !== undefined && now < known.until) return known.day;
  const day = ctx.casebook.clock().toISOString().slice(0, 10);
  held[TODAY] = { day, until: now + 1000 };
  return day;
}
