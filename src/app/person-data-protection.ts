/**
 * A person's data-protection record as a stream kind (`person-<personId>`),
 * and carrying out its decisions: an erasure is recorded first, then the
 * person's key is destroyed. If Casebook stops between the two, the key is
 * destroyed when it next starts (`destroyKeysOfErased`), so an erasure
 * recorded is an erasure done, and no key is destroyed without its record.
 */
import { type DataProtectionCommand, type DataProtectionEvent, dataProtectionDecider, type DataProtectionState } from '../domain/person/data-protection.js';
import { DomainError } from '../domain/shared/domain-error.js';
import { streamCategories, streamName } from '../domain/shared/streams.js';
import type { PersonKeyring } from '../eventstore/person-keyring.js';
import type { CommandHandler, CommandOptions, CommandResult, StreamKind } from './command-handler.js';

export const dataProtectionStream: StreamKind<DataProtectionCommand, DataProtectionEvent, DataProtectionState> = {
  decider: dataProtectionDecider,
  schemaVersion: 1,
};

/** `person-<personId>`. */
export function personRecordStreamName(personId: string): string {
  return streamName(streamCategories.person, personId);
}

export interface DataProtectionDeps {
  readonly commands: CommandHandler;
  readonly keyring: PersonKeyring;
  readonly clock: () => Date;
}

export async function decideOnPersonalData(deps: DataProtectionDeps, command: DataProtectionCommand, options: CommandOptions): Promise<CommandResult<DataProtectionState>> {
  let result: CommandResult<DataProtectionState>;
  try {
    result = await deps.commands.handle(dataProtectionStream, personRecordStreamName(command.personId), command, options);
  } catch (error) {
    // Erased already, by an attempt that stopped before the key went (under another idempotency key): finish it now.
    if (error instanceof DomainError && error.code === 'PERSON_ERASED' && deps.keyring.keyOf(command.personId).state === 'held') {
      destroyKey(deps, command.personId, deps.clock());
    }
    throw error;
  }
  // Also on a repeat of the same idempotency key: the first attempt may have stopped before the key was destroyed.
  if (result.state.erased) destroyKey(deps, command.personId, new Date(result.state.erased.by.at));
  return result;
}

function destroyKey(deps: DataProtectionDeps, personId: string, erasedAt: Date): void {
  deps.keyring.destroy(personId, erasedAt);
  // Cases folded before the erasure hold the person's details in memory: they are folded again from the store.
  deps.commands.forgetStreams(`${streamCategories.asbCase}-`);
}

/** Destroys the key of every person recorded as erased whose key is still held. Answers how many. */
export function destroyKeysOfErased(deps: DataProtectionDeps, erased: Iterable<{ readonly personId: string; readonly erasedAt: Date }>): number {
  let destroyed = 0;
  for (const { personId, erasedAt } of erased) {
    if (deps.keyring.keyOf(personId).state !== 'held') continue;
    destroyKey(deps, personId, erasedAt);
    destroyed += 1;
  }
  return destroyed;
}
