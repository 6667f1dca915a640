/**
 * The ASB case as a stream kind (`asbcase-<uuid>`), and opening one: the
 * year's reference book gives it its ASB- number, and the opening is decided
 * once without writing first, so a refused opening uses up no number.
 */
import type { AsbCaseCommand, OpenAsbCaseFields } from '../domain/asb-case/commands.js';
import { asbCaseDecider } from '../domain/asb-case/decider.js';
import type { AsbCaseEvent } from '../domain/asb-case/events.js';
import type { AsbCaseState } from '../domain/asb-case/state.js';
import { formatReference } from '../domain/shared/reference-book.js';
import { streamCategories, streamName } from '../domain/shared/streams.js';
import type { CommandHandler, CommandOptions, CommandResult, StreamKind } from './command-handler.js';
import { reserveReference } from './reference-books.js';

export const asbCaseStream: StreamKind<AsbCaseCommand, AsbCaseEvent, AsbCaseState> = {
  decider: asbCaseDecider,
  schemaVersion: 1,
};

/** `asbcase-<uuid>`. */
export function asbCaseStreamName(caseId: string): string {
  return streamName(streamCategories.asbCase, caseId);
}

export async function openAsbCase(
  commands: CommandHandler,
  caseId: string,
  opening: OpenAsbCaseFields,
  now: Date,
  options: CommandOptions,
): Promise<CommandResult<AsbCaseState>> {
  const year = Number(opening.openedOn.slice(0, 4));
  asbCaseDecider.decide({ type: 'OpenAsbCase', reference: formatReference('asbcase', year, 1), ...opening }, asbCaseDecider.initialState(), { now, actor: options.actor });
  const reference = await reserveReference(commands, 'asbcase', caseId, year, options);
  return commands.handle(asbCaseStream, asbCaseStreamName(caseId), { type: 'OpenAsbCase', reference, ...opening }, options);
}
