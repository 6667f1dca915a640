/**
 * The composition root: one store, the command handler over it, and the
 * projection runner feeding the read models. The API, the command line, the
 * tests and the benchmarks all open Casebook the same way.
 */
import { createHmac } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { CommandHandler } from './app/command-handler.js';
import { ActionNewsReactor, type ReactorFault } from './app/action-news-reactor.js';
import { type CasebookConfig, type CaseRules, ConfigurationError, defaultCaseRules, defaultInformationSharing, defaultRetention, type InformationSharing, type Retention } from './config.js';
import { canonicalJson } from './eventstore/chain.js';
import type { EventStore } from './eventstore/event-store.js';
import { type PersonKeyring, SqlitePersonKeyring } from './eventstore/person-keyring.js';
import { PersonalDataSealingStore } from './app/personal-data-sealing.js';
import { SqliteEventStore } from './eventstore/sqlite.js';
import type { AnyProjection } from './projections/projection.js';
import { type ProjectionFault, ProjectionRunner } from './projections/runner.js';
import { allProjections } from './projections/index.js';
import { erasedPeople, personalDataStandingsProjection } from './projections/personal-data-standings.js';
import { destroyKeysOfErased } from './app/person-data-protection.js';

export interface Casebook {
  /** The store as the application reads and writes it: each person's data sealed on the way in, opened on the way out. */
  readonly store: EventStore;
  /** The same events exactly as written (personal data sealed): what the hash chain covers, for verification and export. */
  readonly storeAsWritten: EventStore;
  /** Each person's key; destroying one erases the person everywhere. */
  readonly keyring: PersonKeyring;
  /** Settles once every erasure recorded has its key destroyed (those a stop interrupted, finished at start): how many were finished. */
  readonly erasuresFinished: Promise<number>;
  readonly commands: CommandHandler;
  readonly projections: ProjectionRunner;
  /** Keeps plans in step with their partner actions; a request waits for it to show a plan changed. */
  readonly reactions: ActionNewsReactor;
  readonly clock: () => Date;
  /** How often victims' risk is reviewed, and the Community Trigger procedure: the partnership's settings. */
  readonly caseRules: CaseRules;
  /** The legal gateway each agency receives the people's personal data under, recorded in the disclosure ledger. */
  readonly informationSharing: InformationSharing;
  /** MoPI: when the first retention review of a closed plan or case falls due. */
  readonly retention: Retention;
  close(): Promise<void>;
}

export interface OpenCasebookOptions {
  /** The store as written: Casebook seals and opens personal data over it. */
  readonly store: EventStore;
  /** Where each person's key is kept. By default, for the embedded store, a file beside it; EventStoreDB needs one named (CASEBOOK_KEYRING_PATH). */
  readonly keyring?: PersonKeyring;
  readonly clock?: () => Date;
  readonly projections?: readonly AnyProjection[];
  readonly onProjectionFault?: (fault: ProjectionFault) => void;
  readonly onSubscriptionDropped?: (error: unknown) => void;
  readonly onReactorFault?: (fault: ReactorFault) => void;
  /** Finishing, at start-up, an erasure whose key survived a stop failed: the key is tried again at the next start. */
  readonly onErasureFault?: (error: unknown) => void;
  readonly caseRules?: CaseRules;
  readonly informationSharing?: InformationSharing;
  readonly retention?: Retention;
}

export async function openCasebook(options: OpenCasebookOptions): Promise<Casebook> {
  const clock = options.clock ?? (() => new Date());
  const keyring = options.keyring ?? keyringBeside(options.store);
  const store = new PersonalDataSealingStore(options.store, keyring);
  const commands = new CommandHandler(store, clock, {
    personalDataFingerprint: (personId, personal) => createHmac('sha256', keyring.keyFor(personId)).update(canonicalJson(personal)).digest('hex'),
  });
  const projected = options.projections ?? allProjections;
  const projections = new ProjectionRunner(store, projected, {
    ...(options.onProjectionFault ? { onFault: options.onProjectionFault } : {}),
    ...(options.onSubscriptionDropped ? { onDrop: options.onSubscriptionDropped } : {}),
  });
  await projections.start();
  // An erasure recorded by a Casebook that stopped before destroying the key is finished once the records are read.
  const erasuresFinished = projected.includes(personalDataStandingsProjection)
    ? projections
        .whenCaughtUp()
        .then(() => destroyKeysOfErased({ commands, keyring, clock }, erasedPeople(projections.model(personalDataStandingsProjection))))
        .catch((error: unknown) => {
          options.onErasureFault?.(error);
          return 0;
        })
    : Promise.resolve(0);
  const reactions = new ActionNewsReactor(store, commands, options.onReactorFault);
  reactions.start();
  return {
    store,
    storeAsWritten: options.store,
    keyring,
    erasuresFinished,
    commands,
    projections,
    reactions,
    clock,
    caseRules: options.caseRules ?? defaultCaseRules,
    informationSharing: options.informationSharing ?? defaultInformationSharing,
    retention: options.retention ?? defaultRetention,
    async close() {
      await reactions.stop();
      await projections.stop();
      await store.close();
    },
  };
}

/**
 * The keyring of an embedded store: a file of its own beside the store's
 * (`casebook.sqlite` → `casebook.keyring.sqlite`), so that copying the store
 * does not copy the keys; an in-memory store's lives in memory with it.
 */
export function keyringBeside(store: EventStore): PersonKeyring {
  if (!(store instanceof SqliteEventStore)) {
    throw new ConfigurationError('CASEBOOK_KEYRING_PATH: with EventStoreDB, name the file the people’s keys are kept in (README, Erasure and restriction).');
  }
  return new SqlitePersonKeyring(store.path === ':memory:' ? ':memory:' : keyringPathBeside(store.path));
}

export function keyringPathBeside(storePath: string): string {
  return join(dirname(storePath), `${basename(storePath, '.sqlite')}.keyring.sqlite`);
}

/** The keyring the configuration names (CASEBOOK_KEYRING_PATH), or the one beside the embedded store. */
export function openConfiguredKeyring(config: Pick<CasebookConfig, 'keyringPath'>, store: EventStore): PersonKeyring {
  return config.keyringPath ? new SqlitePersonKeyring(config.keyringPath) : keyringBeside(store);
}

export function embeddedStorePath(dataDir: string): string {
  return join(dataDir, 'casebook.sqlite');
}

/**
 * EventStoreDB when a connection string is configured, otherwise the embedded
 * file. `mustExist`: open an embedded store only if its file is there.
 */
export async function openConfiguredStore(
  config: Pick<CasebookConfig, 'eventStoreConnectionString' | 'dataDir'>,
  options: { mustExist?: boolean } = {},
): Promise<EventStore> {
  if (config.eventStoreConnectionString) {
    const { connectEventStoreDb } = await import('./eventstore/esdb.js');
    return connectEventStoreDb(config.eventStoreConnectionString);
  }
  return new SqliteEventStore({ path: embeddedStorePath(config.dataDir), mustExist: options.mustExist ?? false });
}
