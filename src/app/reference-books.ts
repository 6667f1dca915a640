/** Reference books as a stream kind: `refs-plan-2026`, `refs-action-2026`, one per kind a year. */
import { formatReference, type ReferenceBookCommand, referenceBookDecider, type ReferenceBookEvent, type ReferenceBookState, type ReferenceKind } from '../domain/shared/reference-book.js';
import type { CommandHandler, CommandOptions, StreamKind } from './command-handler.js';

export const referenceBookStream: StreamKind<ReferenceBookCommand, ReferenceBookEvent, ReferenceBookState> = {
  decider: referenceBookDecider,
  schemaVersion: 1,
};

export function referenceBookStreamName(kind: ReferenceKind, year: number): string {
  return `refs-${kind}${year}`;
}

/** The entity's reference, reserved in its year's book (the same one again if it has one). */
export async function reserveReference(
  commands: CommandHandler,
  kind: ReferenceKind,
  entityId: string,
  year: number,
  options: Pick<CommandOptions, 'actor' | 'correlationId' | 'causationId'>,
): Promise<string> {
  const book = await commands.handle(referenceBookStream, referenceBookStreamName(kind, year), { type: 'ReserveReference', entityId, year }, {
    actor: options.actor,
    correlationId: options.correlationId,
    ...(options.causationId ? { causationId: options.causationId } : {}),
  });
  return formatReference(kind, year, book.state.byEntity.get(entityId)!);
}
