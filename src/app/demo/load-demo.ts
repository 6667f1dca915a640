/**
 * Demo data goes in through the same command handling as everything else, and
 * only into an empty store: a store with history is never touched.
 */
import type { CommandHandler } from '../command-handler.js';
import type { ActionNewsReactor } from '../action-news-reactor.js';
import type { EventStore } from '../../eventstore/event-store.js';
import { partnershipStream, partnershipStreamName } from '../partnership-register.js';
import { demoAgencies, demoUsers } from './partnership.js';
import { demoStories } from './stories.js';

/** What a demo story is told with. */
export interface DemoTelling {
  readonly commands: CommandHandler;
  readonly now: Date;
  /**
   * Command handling whose clock reads `instant`: a story's steps are recorded
   * on the days they tell of, so timelines read as they would have been lived.
   * (The store still records when it really wrote each event.)
   */
  asOf(instant: Date): CommandHandler;
  /** Plans learn of their actions through it; a story waits on it before moving a plan on. */
  readonly reactions: Pick<ActionNewsReactor, 'waitFor'>;
}

export interface DemoScenario {
  readonly name: string;
  /** Writes through command handling; returns how many streams it wrote. */
  run(telling: DemoTelling): Promise<number>;
}

/** The CSP's coordinator enters the demo data, as they would on a real first day. */
const demoCoordinator = demoUsers.find((u) => u.role === 'coordinator')!;
const asDemoCoordinator = {
  actor: { userId: demoCoordinator.userId, agencyId: demoCoordinator.agencyId, roles: [demoCoordinator.role] },
  correlationId: 'demo-data',
};

const partnershipMembers: DemoScenario = {
  name: 'the member agencies of the partnership and their lead contacts',
  async run({ commands }) {
    for (const agency of demoAgencies) {
      await commands.handle(
        partnershipStream,
        partnershipStreamName,
        { type: 'RegisterAgency', agencyId: agency.id, name: agency.name, leadContact: agency.leadContact },
        { ...asDemoCoordinator, idempotencyKey: `demo-register-${agency.id}` },
      );
    }
    return 1;
  },
};

/** The demo CSP's stories, in the order they are told. Plans, cases and actions join as their deciders land. */
export const demoScenarios: DemoScenario[] = [partnershipMembers, ...demoStories];

export async function loadDemoData(casebook: {
  store: EventStore;
  commands: CommandHandler;
  reactions: Pick<ActionNewsReactor, 'waitFor'>;
  clock: () => Date;
}): Promise<{ streamsWritten: number }> {
  if ((await casebook.store.headPosition()) !== null) return { streamsWritten: 0 };
  let streamsWritten = 0;
  const telling: DemoTelling = {
    commands: casebook.commands,
    now: casebook.clock(),
    asOf: (instant) => casebook.commands.withClock(() => instant),
    reactions: casebook.reactions,
  };
  for (const scenario of demoScenarios) streamsWritten += await scenario.run(telling);
  return { streamsWritten };
}
