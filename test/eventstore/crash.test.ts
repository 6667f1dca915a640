/**
 * Nothing acknowledged is ever lost: a writer under load is killed with
 * SIGKILL, and on reopening every event it had acknowledged is there, in
 * order, with nothing half-written, and appending resumes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyStreamChain } from '../../src/eventstore/chain.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { collect, newEvent } from '../support/events.js';

const here = dirname(fileURLToPath(import.meta.url));
const writerScript = join(here, 'crash-writer.mjs');
const built = existsSync(join(here, '../../dist/src/eventstore/sqlite.js'));

interface Ack {
  stream: string;
  revision: bigint;
  ids: string[];
}

async function runAndKill(path: string, killAfterAcks: number): Promise<Ack[]> {
  const child = spawn(process.execPath, [writerScript, path, '16'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const acks: Ack[] = [];
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  for await (const line of lines) {
    if (!line.startsWith('ack ')) continue;
    const [, stream, revision, ...ids] = line.split(' ');
    acks.push({ stream: stream!, revision: BigInt(revision!), ids });
    if (acks.length === killAfterAcks) child.kill('SIGKILL');
  }
  expect(await exited).toBe('SIGKILL');
  return acks;
}

describe('the embedded store under SIGKILL', () => {
  beforeAll(() => {
    // The child runs the compiled store; `npm test` builds first.
    if (!built) throw new Error('dist/ is missing: run `npm run build` (npm test does it before the tests).');
  });

  it('keeps every acknowledged event, in order, whole, and appends again after reopening', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'casebook-crash-')), 'store.sqlite');
    const acks = await runAndKill(path, 3_000);
    expect(acks.length).toBeGreaterThanOrEqual(3_000);

    const store = new SqliteEventStore({ path });
    try {
      const all = await collect(store.readAll());
      const stored = new Map(all.map((e) => [e.id, e]));
      const lost = acks.flatMap((a) => a.ids).filter((id) => !stored.has(id));
      expect(lost).toEqual([]);

      const streams = [...new Set(all.map((e) => e.streamId))];
      expect(streams).toHaveLength(16);
      for (const stream of streams) {
        const events = all.filter((e) => e.streamId === stream);
        // In order: revisions 0..n with no gap, and positions rising with them.
        expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => BigInt(i)));
        // Nothing half-written: every append is all there, its events in order.
        const size = Number(events[0]!.data.size);
        expect([1, 3]).toContain(size);
        expect(events.length % size).toBe(0);
        events.forEach((e, i) => expect(e.data).toMatchObject({ batch: Math.floor(i / size), i: i % size, size }));
        expect((await verifyStreamChain(stream, store.readStream(stream))).ok).toBe(true);
      }
      // Each acknowledged append's last event stands at the revision the store answered.
      for (const ack of acks) expect(stored.get(ack.ids.at(-1)!)!.revision).toBe(ack.revision);
      expect(new Set(all.map((e) => e.data.size))).toEqual(new Set([1, 3]));

      const resumed = streams[0]!;
      const head = all.filter((e) => e.streamId === resumed).at(-1)!.revision;
      const result = await store.append(resumed, [newEvent('Resumed')], { expectedRevision: head });
      expect(result.nextRevision).toBe(head + 1n);
    } finally {
      await store.close();
    }
  }, 60_000);
});
