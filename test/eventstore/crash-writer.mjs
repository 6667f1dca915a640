// Child process for the crash test: appends under load and prints each
// acknowledged append as one line, until it is killed.
import { randomUUID } from 'node:crypto';
import process from 'node:process';
import { SqliteEventStore } from '../../dist/src/eventstore/sqlite.js';

const [path, writersArg] = process.argv.slice(2);
const store = new SqliteEventStore({ path });
const writers = Number(writersArg ?? 16);
const metadata = {
  actor: { userId: 'crash-test', agencyId: 'police', roles: ['coordinator'] },
  correlationId: 'crash',
  causationId: 'crash',
  occurredAt: new Date().toISOString(),
  schemaVersion: 1,
};

async function writer(w) {
  const stream = `crash-${w}-${randomUUID()}`;
  let revision = 'no_stream';
  for (let batch = 0; ; batch++) {
    // Half the writers append three events at a time (each append must be all there or not at all after the
    // crash), half one at a time (the store's path without a savepoint).
    const size = w % 2 === 0 ? 3 : 1;
    const events = Array.from({ length: size }, (_, i) => ({ id: randomUUID(), type: 'Loaded', data: { batch, i, size, padding: 'x'.repeat(200) }, metadata }));
    const result = await store.append(stream, events, { expectedRevision: revision });
    revision = result.nextRevision;
    process.stdout.write(`ack ${stream} ${result.nextRevision} ${events.map((e) => e.id).join(' ')}\n`);
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
