/**
 * The composition root: one store, the command handler over it, and the
 * projection runner feeding the read models. The API, the command line, the
 * tests and the benchmarks all open Casebook the same way.
 */
import { join } from 'node:path';
import { CommandHandler } from './app/command-handler.js';
import { ActionNewsReactor, type ReactorFault } from './app/action-news-reactor.js';
import { type CasebookConfig, type CaseRules, defaultCaseRules, defaultInformationSharing, defaultRetention, type InformationSharing, type Retention } from './config.js';
import type { EventStore } from './eventstore/event-store.js';
import { SqliteEventStore } from './eventstore/sqlite.js';
import type { AnyProjection } from './projections/projection.js';
import { type ProjectionFault, ProjectionRunner } from './projections/runner.js';
import { allProjections } from './projections/index.js';

export interface Casebook {
  readonly store: EventStore;
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
  readonly store: EventStore;
  readonly clock?: () => Date;
  readonly projections?: readonly AnyProjection[];
  readonly onProjectionFault?: (fault: ProjectionFault) => void;
  readonly onSubscriptionDropped?: (error: unknown) => void;
  readonly onReactorFault?: (fault: ReactorFault) => void;
  readonly caseRules?: CaseRules;
  readonly informationSharing?: InformationSharing;
  readonly retention?: Retention;
}

export async function openCasebook(options: OpenCasebookOptions): Promise<Casebook> {
  const clock = options.clock ?? (() => new Date());
  const store = options.store;
  const commands = new CommandHandler(store, clock);
  const projections = new ProjectionRunner(store, options.projections ?? allProjections, {
    ...(options.onProjectionFault ? { onFault: options.onProjectionFault } : {}),
    ...(options.onSubscriptionDropped ? { onDrop: options.onSubscriptionDropped } : {}),
  });
  await projections.start();
  const reactions = new ActionNewsReactor(store, commands, options.onReactorFault);
  reactions.start();
  return {
    store,
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
