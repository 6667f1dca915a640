/**
 * EventStoreDB cannot run everywhere (it needs Docker): its contract tests run
 * when EVENTSTORE_CONNECTION_STRING is set, and otherwise say plainly that
 * they were skipped and how to run them.
 */
import { describe, it } from 'vitest';

export const eventStoreDbConnection = process.env.EVENTSTORE_CONNECTION_STRING || undefined;

export const SKIPPED_WITHOUT_EVENTSTOREDB =
  'SKIPPED: EVENTSTORE_CONNECTION_STRING is not set. Start a node with `docker compose up -d eventstoredb` and run ' +
  '`EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npm test` to run this suite against EventStoreDB.';

/** Runs `suite` against EventStoreDB when it is configured; otherwise records one skipped test that says why. */
export function whenEventStoreDb(name: string, suite: (connectionString: string) => void): void {
  if (eventStoreDbConnection) {
    suite(eventStoreDbConnection);
    return;
  }
  process.stderr.write(`${name}: ${SKIPPED_WITHOUT_EVENTSTOREDB}\n`);
  describe(name, () => {
    it.skip(SKIPPED_WITHOUT_EVENTSTOREDB, () => undefined);
  });
}
