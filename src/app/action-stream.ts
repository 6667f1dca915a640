/**
 * The partner action as a stream kind (`action-<uuid>`), and assigning one:
 * the year's reference book gives it its ACT- number, and the assignment is
 * decided once without writing first so a refused one uses up no number.
 */
import type { ActionCommand } from '../domain/action/commands.js';
import { actionDecider, type ActionState } from '../domain/action/decider.js';
import type { ActionEvent } from '../domain/action/events.js';
import { formatReference } from '../domain/shared/reference-book.js';
import { streamCategories, streamName } from '../domain/shared/streams.js';
import type { CommandHandler, CommandOptions, CommandResult, StreamKind } from './command-handler.js';
import { reserveReference } from './reference-books.js';

export const actionStream: StreamKind<ActionCommand, ActionEvent, ActionState> = {
  decider: actionDecider,
  schemaVersion: 1,
};

export function actionStreamName(actionId: string): string {
  return streamName(streamCategories.action, actionId);
}

export type ActionAssignment = Omit<Extract<ActionCommand, { type: 'AssignAction' }>, 'type' | 'reference'>;

export async function assignAction(
  commands: CommandHandler,
  actionId: string,
  assignment: ActionAssignment,
  now: Date,
  options: CommandOptions,
): Promise<CommandResult<ActionState>> {
  const year = Number(now.toISOString().slice(0, 4));
  actionDecider.decide({ type: 'AssignAction', reference: formatReference('action', year, 1), ...assignment }, actionDecider.initialState(), { now, actor: options.actor });
  const reference = await reserveReference(commands, 'action', actionId, year, options);
  return commands.handle(actionStream, actionStreamName(actionId), { type: 'AssignAction', reference, ...assignment }, options);
}
