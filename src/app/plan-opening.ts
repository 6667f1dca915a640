/**
 * Opening a plan takes two streams: the year's reference book gives it the
 * next number, then the plan opens with it. The opening is decided once
 * without writing first, so that a refused opening never uses up a number.
 */
import type { OpenPlanFields } from '../domain/plan/commands.js';
import { planDecider } from '../domain/plan/decider.js';
import { formatReference } from '../domain/shared/reference-book.js';
import type { PlanState } from '../domain/plan/state.js';
import type { CommandHandler, CommandOptions, CommandResult } from './command-handler.js';
import { planStream, planStreamName } from './plan-stream.js';
import { reserveReference } from './reference-books.js';

export async function openPlan(
  commands: CommandHandler,
  planId: string,
  opening: OpenPlanFields,
  now: Date,
  options: CommandOptions,
): Promise<CommandResult<PlanState>> {
  const year = Number(opening.openedOn.slice(0, 4));
  planDecider.decide({ type: 'OpenPlan', reference: formatReference('plan', year, 1), ...opening }, planDecider.initialState(), { now, actor: options.actor });
  const reference = await reserveReference(commands, 'plan', planId, year, options);
  return commands.handle(planStream, planStreamName(planId), { type: 'OpenPlan', reference, ...opening }, options);
}
