/**
 * Demo data goes in through the same command handling as everything else, and
 * only into an empty store: a store with history is never touched.
 */
import type { CommandHandler } from '../command-handler.js';
import type { EventStore } from '../../eventstore/event-store.js';

export interface DemoScenario {
  readonly name: string;
  /** Writes through the command handler; returns how many streams it wrote. */
  run(commands: CommandHandler, now: Date): Promise<number>;
}

/** The demo CSP's stories. Plans, cases and actions join as their deciders land. */
export const demoScenarios: DemoScenario[] = [];

export async function loadDemoData(casebook: {
  store: EventStore;
  commands: CommandHandler;
  clock: () => Date;
}): Promise<{ streamsWritten: number }> {
  if ((await casebook.store.headPosition()) !== null) return { streamsWritten: 0 };
  let streamsWritten = 0;
  for (const scenario of demoScenarios) streamsWritten += await scenario.run(casebook.commands, casebook.clock());
  return { streamsWritten };
}
