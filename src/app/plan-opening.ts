/**
 * Opening a plan takes two streams: the year's reference book gives it the
 * next number, then the plan opens with it. The opening is decided once
 * without writing first, so that a refused opening never uses up a number.
 */
import type { OpenPlanFields } from '../domain/plan/commands.js';
import { planDecider } from '../domain/plan/decider.js';
import { formatReference } from '../domain/shared/reference-book.js';
import type { PlanState } from '../domain/plan/state.js';
import type { RaisingParty } from '../domain/shared/values.js';
import { type CommandHandler, type CommandOptions, type CommandResult, newEntityId } from './command-handler.js';
import { planStream, planStreamName } from './plan-stream.js';
import { reserveReference } from './reference-books.js';

/**
 * Gives each resident who raised a plan a person id, the key their name and
 * contact are sealed under (a group, a business, a councillor, an agency or
 * a school is not a private person). Derived from the request's idempotency
 * key when there is one, so a retried request names the same person.
 */
export function withResidentsIdentified<P extends Pick<RaisingParty, 'kind' | 'partyId' | 'personId'>>(parties: readonly P[], options: Pick<CommandOptions, 'actor' | 'idempotencyKey'>): P[] {
  return parties.map((party) =>
    party.kind !== 'resident' || party.personId !== undefined
      ? party
      : { ...party, personId: newEntityId(options.actor, options.idempotencyKey === undefined ? undefined : `${options.idempotencyKey}:raiser:${party.partyId}`, 'person') },
  );
}

export async function openPlan(
  commands: CommandHandler,
  planId: string,
  opening: OpenPlanFields,
  now: Date,
  options: CommandOptions,
): Promise<CommandResult<PlanState>> {
  opening = { ...opening, raisedBy: withResidentsIdentified(opening.raisedBy, options) };
  const year = Number(opening.openedOn.slice(0, 4));
  planDecider.decide({ type: 'OpenPlan', reference: formatReference('plan', year, 1), ...opening }, planDecider.initialState(), { now, actor: options.actor });
  const reference = await reserveReference(commands, 'plan', planId, year, options);
  return commands.handle(planStream, planStreamName(planId), { type: 'OpenPlan', reference, ...opening }, options);
}
