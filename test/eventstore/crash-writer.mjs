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
    // Three events an append: after the crash each append must be all there or not at all.
    const events = [0, 1, 2].map((i) => ({ id: randomUUID(), type: 'Loaded', data: { batch, i, padding: 'x'.repeat(200) }, metadata }));
    const result = await store.append(stream, events, { expectedRevision: revision });
    revision = result.nextRevision;
    process.stdout.write(`ack ${stream} ${result.nextRevision} ${events.map((e) => e.id).join(' ')}\n`);
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
