/**
 * `casebook export <reference>` as an auditor runs it: `node dist/src/main.js
 * export` in a child process against a store file, while a Casebook holds the
 * same file open. The document must let anyone recompute every hash from the
 * exported fields alone: checked here with chain.ts's own functions, and with
 * the Python recipe the README gives auditors, taken from README.md itself.
 */
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/app/demo/load-demo.js';
import { type Casebook, embeddedStorePath, openCasebook } from '../../src/casebook.js';
import { chainHash, GENESIS_HASH } from '../../src/eventstore/chain.js';
import type { JsonObject } from '../../src/eventstore/event-store.js';
import type { EventMetadata } from '../../src/eventstore/metadata.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { collect, metadata } from '../support/events.js';
import { testNow } from '../support/server.js';

const MAIN = resolve('dist/src/main.js');

interface ExportedEvent {
  revision: number;
  id: string;
  type: string;
  recordedAt: string;
  data: JsonObject;
  metadata: EventMetadata & Record<string, unknown>;
  prevHash: string;
  hash: string;
  dataOpened?: JsonObject;
}

interface ExportDocument {
  format: string;
  exportedAt: string;
  reference: string;
  streamId: string;
  kind: string;
  personalData: string;
  events: ExportedEvent[];
  head: { revision: number; hash: string } | null;
  chain: Record<string, unknown> & { algorithm: string; genesisPrevHash: string; verifiedAtExport: { whole: boolean; firstBrokenRevision: number | null; problem: string | null } };
}

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-export-'));
  dirs.push(dir);
  return dir;
}

function run(args: string[], dataDir: string, timeoutMs = 10_000): Promise<Finished> {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', CASEBOOK_DATA_DIR: dataDir }, cwd: tmpdir() });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`casebook did not exit within ${timeoutMs} ms.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** Recomputes every hash from the exported fields alone, as an auditor would, with chain.ts's own function. */
function recomputed(doc: ExportDocument): { whole: boolean; hashes: string[] } {
  let prev = GENESIS_HASH;
  const hashes: string[] = [];
  for (const [index, event] of doc.events.entries()) {
    const hash = chainHash(prev, { streamId: doc.streamId, revision: BigInt(event.revision), id: event.id, type: event.type, data: event.data, metadata: event.metadata });
    if (event.revision !== index || event.prevHash !== prev || event.hash !== hash) return { whole: false, hashes };
    hashes.push(hash);
    prev = hash;
  }
  return { whole: true, hashes };
}

/** The auditors' Python recipe, exactly as README.md prints it. */
function readmeRecipe(): string {
  const readme = readFileSync(resolve('README.md'), 'utf8');
  const block = /```python\n(# check-export\.py[\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no ```python block starting "# check-export.py"');
  return block[1]!;
}

const python = (() => {
  const probe = spawnSync('python3', ['-c', 'import sys; print(sys.version_info >= (3, 9))'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim() === 'True';
})();

let demoDir: string;
let running: Casebook;

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does it first).`);
  // The demo partnership in a store file, and a Casebook that keeps it open (its projections reading), as a running server would.
  demoDir = tempDir();
  running = await openCasebook({ store: new SqliteEventStore({ path: embeddedStorePath(demoDir) }), clock: () => testNow });
  await loadDemoData(running);
  const head = await running.store.headPosition();
  if (head) await running.projections.waitFor(head);
}, 30_000);

afterAll(async () => {
  await running?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('casebook export', () => {
  it('writes a demo ASB case’s whole history as JSON while Casebook has the store open, and every hash recomputes from the exported fields alone', async () => {
    const result = await run(['export', 'ASB-2026-0001'], demoDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as ExportDocument;

    expect(doc).toMatchObject({ format: 'casebook-export/1', reference: 'ASB-2026-0001', kind: 'asb-case', streamId: expect.stringMatching(/^asbcase-[0-9a-f-]{36}$/) });
    expect(Date.parse(doc.exportedAt)).not.toBeNaN();
    expect(doc.personalData).toContain('personal data included');

    // Every event the store holds for the case, in order, with nothing added or left out.
    const stored = await collect(running.storeAsWritten.readStream(doc.streamId));
    expect(doc.events).toHaveLength(stored.length);
    expect(doc.events.length).toBeGreaterThan(10);
    doc.events.forEach((exported, i) => {
      // `dataOpened`, on an event that seals someone's data, is the one field beyond the stored event (and not hashed).
      const { dataOpened: _opened, ...event } = exported;
      expect(Object.keys(event)).toEqual(['revision', 'id', 'type', 'recordedAt', 'data', 'metadata', 'prevHash', 'hash']);
      const { prevHash, hash, ...written } = stored[i]!.metadata;
      expect(event).toEqual({
        revision: i,
        id: stored[i]!.id,
        type: stored[i]!.type,
        recordedAt: stored[i]!.recordedAt.toISOString(),
        data: stored[i]!.data,
        metadata: written,
        prevHash,
        hash,
      });
      expect(event.metadata).toMatchObject({ actor: { userId: expect.any(String), agencyId: expect.any(String), roles: expect.any(Array) }, occurredAt: expect.any(String), correlationId: expect.any(String), causationId: expect.any(String), schemaVersion: 1 });
      expect(event.metadata).not.toHaveProperty('prevHash');
      expect(event.metadata).not.toHaveProperty('hash');
    });
    expect(doc.events[0]).toMatchObject({ type: 'AsbCaseOpened', data: { reference: 'ASB-2026-0001' }, prevHash: GENESIS_HASH });
    expect(doc.events.some((e) => e.metadata.idempotencyKey !== undefined && e.metadata.requestFingerprint !== undefined)).toBe(true);
    // The whole record: the victim's details are in it, opened from the sealed value each event carries as written.
    const karen = doc.events.find((e) => (e.dataOpened?.person as { details?: { name?: string } } | undefined)?.details?.name === 'Karen Ashworth')!;
    expect(karen.type).toBe('VictimRecorded');
    expect(karen.data.person).toEqual({ personId: (karen.dataOpened!.person as { personId: string }).personId, sealed: expect.any(String), seal: 'aes-256-gcm:1' });
    expect(karen.dataOpened).toMatchObject({ householdKey: 'demo-hawthorn-court-3' });
    expect(JSON.stringify(doc.events.map((e) => e.data))).not.toContain('Karen Ashworth');
    // Her household key's copies in the case review's complaints are opened too.
    const review = doc.events.find((e) => e.type === 'CaseReviewRequested')!;
    expect(JSON.stringify(review.data)).not.toContain('demo-hawthorn-court-3');
    expect(JSON.stringify(review.dataOpened)).toContain('demo-hawthorn-court-3');

    const { whole, hashes } = recomputed(doc);
    expect(whole).toBe(true);
    expect(hashes).toEqual(doc.events.map((e) => e.hash));
    expect(doc.head).toEqual({ revision: doc.events.length - 1, hash: hashes.at(-1) });
    expect(doc.chain).toMatchObject({ algorithm: 'sha-256', genesisPrevHash: GENESIS_HASH, verifiedAtExport: { whole: true, firstBrokenRevision: null, problem: null } });

    // The head is the one `casebook verify --heads` prints for the stream.
    const heads = await run(['verify', '--heads'], demoDir);
    expect(heads.code).toBe(0);
    expect(heads.stdout).toContain(`${doc.streamId}\t${doc.head!.revision}\t${doc.head!.hash}\n`);
  });

  it.each([
    ['PSP-2026-0001', 'plan', 'PlanOpened'],
    ['ACT-2026-0005', 'action', 'ActionAssigned'],
  ])('finds %s by its reference (%s) and writes it with --out, readable by its owner alone', async (reference, kind, opening) => {
    const out = join(tempDir(), `${reference}.json`);
    const result = await run(['export', reference, '--out', out], demoDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as ExportDocument;
    expect(result.stdout).toBe(`Wrote ${reference} (${doc.streamId}, ${doc.events.length} events) to ${out}.\n`);
    expect(doc).toMatchObject({ reference, kind, events: expect.arrayContaining([expect.objectContaining({ revision: 0, type: opening })]) });
    expect(recomputed(doc).whole).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('exits 1 with a sentence for a reference no record has, 1 naming the path for a missing store, and 2 for something that is not a reference', async () => {
    const unknown = await run(['export', 'PSP-2026-0999'], demoDir);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'No plan, ASB case or action has the reference PSP-2026-0999 in this store.\n' });

    const dir = join(tempDir(), 'mistyped');
    const missing = await run(['export', 'PSP-2026-0001'], dir);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: `There is no event store at ${join(dir, 'casebook.sqlite')}. Check CASEBOOK_DATA_DIR.\n` });
    expect(existsSync(dir)).toBe(false);

    const notReference = await run(['export', 'Hawthorn Court'], demoDir);
    expect(notReference.code).toBe(2);
    expect(notReference.stdout).toBe('');
    expect(notReference.stderr.split('\n')[0]).toBe('"Hawthorn Court" is not a reference: use one such as PSP-2026-0001, ASB-2026-0001 or ACT-2026-0001.');

    const none = await run(['export'], demoDir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: casebook <command> [options]');
  });

  it('says in its help that the export is the whole record, personal data included', async () => {
    const help = await run(['export', '--help'], demoDir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('export <reference> [--out FILE]');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain("It is the whole record, personal data included (an ASB case's victims, witnesses and subjects; a resident who raised a plan).");
  });

  it('still writes the document for a broken chain, names the revision on stderr and exits 1', async () => {
    const dir = tempDir();
    const plan = 'plan-7d0c2e4a-5b6f-4a1d-9e8c-3f2b1a0d9c8e';
    const store = new SqliteEventStore({ path: embeddedStorePath(dir) });
    await store.append(plan, [{ id: randomUUID(), type: 'PlanOpened', data: { type: 'PlanOpened', reference: 'PSP-2026-0077', title: 'Fly-tipping behind Station Parade' }, metadata: metadata() }], { expectedRevision: 'no_stream' });
    for (let r = 1; r < 4; r++) {
      await store.append(plan, [{ id: randomUUID(), type: 'PlanNoteAdded', data: { note: `note ${r}` }, metadata: metadata() }], { expectedRevision: BigInt(r - 1) });
    }
    await store.close();
    const db = new Database(embeddedStorePath(dir));
    try {
      expect(db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = 2').run(JSON.stringify({ note: 'nothing happened' }), plan).changes).toBe(1);
    } finally {
      db.close();
    }

    const result = await run(['export', 'PSP-2026-0077'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`BROKEN ${plan}: revision 2 was altered after it was written\n`);
    const doc = JSON.parse(result.stdout) as ExportDocument;
    expect(doc.events).toHaveLength(4);
    expect(doc.chain.verifiedAtExport).toEqual({ whole: false, firstBrokenRevision: 2, problem: 'revision 2 was altered after it was written' });
    const again = recomputed(doc);
    expect(again.whole).toBe(false);
    expect(again.hashes).toEqual(doc.events.slice(0, 2).map((e) => e.hash));
  });
});

describe.skipIf(!python)('the README’s Python recipe for auditors (python3 3.9 or later)', () => {
  let recipe: string;
  beforeAll(() => {
    recipe = join(tempDir(), 'check-export.py');
    writeFileSync(recipe, readmeRecipe());
  });

  function check(file: string, ...rest: string[]): SpawnSyncReturns<string> {
    return spawnSync('python3', [recipe, file, ...rest], { encoding: 'utf8' });
  }

  async function exported(reference: string, dir = demoDir): Promise<{ file: string; doc: ExportDocument }> {
    const file = join(tempDir(), `${reference}.json`);
    const result = await run(['export', reference, '--out', file], dir);
    expect(result.code, result.stderr).toBe(0);
    return { file, doc: JSON.parse(readFileSync(file, 'utf8')) as ExportDocument };
  }

  it.each(['ASB-2026-0001', 'ASB-2026-0003', 'PSP-2026-0001', 'PSP-2026-0003', 'ACT-2026-0005'])('agrees that demo record %s is whole', async (reference) => {
    const { file, doc } = await exported(reference);
    const result = check(file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`OK: ${reference}, ${doc.events.length} events, head ${doc.head!.hash}\n`);
  });

  it('names an edited event’s revision, and a kept head a cut copy no longer reaches', async () => {
    const { file, doc } = await exported('PSP-2026-0001');
    const edited = JSON.parse(JSON.stringify(doc)) as ExportDocument;
    edited.events[4]!.data = { ...edited.events[4]!.data, edited: true };
    writeFileSync(file, JSON.stringify(edited));
    expect(check(file)).toMatchObject({ status: 1, stderr: 'BROKEN at revision 4 of PSP-2026-0001\n' });

    const kept = doc.head!.hash;
    const cut = { ...doc, events: doc.events.slice(0, -2), head: { revision: doc.head!.revision - 2, hash: doc.events.at(-3)!.hash } };
    writeFileSync(file, JSON.stringify(cut));
    expect(check(file)).toMatchObject({ status: 0 });
    expect(check(file, kept)).toMatchObject({ status: 1, stderr: 'BROKEN: the head you kept is not in PSP-2026-0001: its tail was cut, or it was rewritten\n' });
    writeFileSync(file, JSON.stringify(doc));
    expect(check(file, kept)).toMatchObject({ status: 0 });
  });

  it('recomputes hashes over awkward numbers, strings and keys exactly as RFC 8785 and chain.ts do', async () => {
    const dir = tempDir();
    const plan = 'plan-1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6';
    const awkward: JsonObject = {
      type: 'ResultsMeasured',
      // Decimals Python prints as ECMAScript does (12.5, 0.1) and some it does not (0.00001, 1e-7), large and negative ones.
      values: [12.5, 0.1, 4.35, -3.25, 0.0001, 0.00001, 0.000001, 1e-7, -2.5e-8, 1e21, 1.5e300, 2 ** 53 + 2, 100, 0, 0.30000000000000004],
      note: 'Café “quoted”, a tab\tand a bell \u0007, ünïcödé and an emoji 😀, a line\u2028separator',
      // RFC 8785 sorts keys by UTF-16 code units: the emoji (D83D DE00) before U+FB00, though its code point is higher.
      keys: { 'ﬀ': 1, '😀': 2, a: 3, B: 4, _: 5 },
    };
    const store = new SqliteEventStore({ path: embeddedStorePath(dir) });
    await store.append(plan, [{ id: randomUUID(), type: 'PlanOpened', data: { type: 'PlanOpened', reference: 'PSP-2026-0042', title: 'Street drinking in the Bull Ring' }, metadata: metadata() }], { expectedRevision: 'no_stream' });
    await store.append(plan, [{ id: randomUUID(), type: 'ResultsMeasured', data: awkward, metadata: metadata({ idempotencyKey: '["council","megan.lloyd","k-1"]', requestFingerprint: 'ab'.repeat(32) }) }], { expectedRevision: 0n });
    await store.close();

    const { file, doc } = await exported('PSP-2026-0042', dir);
    expect(doc.events[1]!.data).toEqual(awkward);
    expect(recomputed(doc).whole).toBe(true);
    const result = check(file);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`OK: PSP-2026-0042, 2 events, head ${doc.head!.hash}\n`);
  });
});

if (!python) {
  // Said once, where the run reads it: the recipe's tests are skipped, not passed.
  console.warn('python3 (3.9 or later) not found: the README’s Python recipe for checking an export is not tested on this machine.');
}
