/**
 * The command line as an operator runs it: `node dist/src/main.js <command>`
 * in a child process with a controlled environment and a temporary data
 * directory. `npm test` builds dist first.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../src/app/demo/partnership.js';
import { embeddedStorePath } from '../../src/casebook.js';
import { loadConfig } from '../../src/config.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { newEvent } from '../support/events.js';

const MAIN = resolve('dist/src/main.js');
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const developmentConfig = loadConfig({ NODE_ENV: 'test' });

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-cli-'));
  dirs.push(dir);
  return dir;
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does it first).`);
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function start(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  // Only what we give: no NODE_ENV, PORT or JWT_SECRET leaking in from the shell that runs the tests.
  return spawn(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: tmpdir() });
}

function finished(child: ChildProcessWithoutNullStreams, timeoutMs = 10_000): Promise<Finished> {
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
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

function run(args: string[], env: Record<string, string>): Promise<Finished> {
  return finished(start(args, env));
}

async function verifyDevelopmentToken(token: string) {
  if (developmentConfig.tokens.kind !== 'shared-secret') throw new Error('expected the development secret');
  const { payload, protectedHeader } = await jwtVerify(token, developmentConfig.tokens.secret, { audience: 'casebook', algorithms: ['HS256'] });
  return { payload, protectedHeader };
}

describe.concurrent('casebook token', () => {
  it('prints one line, a JWT and nothing else, signed with the development secret for council / partner', async () => {
    const result = await run(['token', '--agency', 'council', '--role', 'partner'], { NODE_ENV: 'development', CASEBOOK_DATA_DIR: dataDir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('\n')).toBe(true);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(lines[0]).toMatch(JWT);

    const { payload, protectedHeader } = await verifyDevelopmentToken(lines[0]!);
    expect(protectedHeader).toEqual({ alg: 'HS256' });
    expect(payload).toMatchObject({ sub: 'megan.lloyd', name: 'Megan Lloyd', agency: 'council', roles: ['partner'], aud: 'casebook' });
    expect(payload.exp! - payload.iat!).toBe(30 * 24 * 3600);
  });

  it('names someone who is not a demo user by role and agency, and honours --expires', async () => {
    const result = await run(['token', '--agency', 'youth', '--role', 'coordinator', '--expires', '2h'], { NODE_ENV: 'development', CASEBOOK_DATA_DIR: dataDir() });
    expect(result.code).toBe(0);
    const { payload } = await verifyDevelopmentToken(result.stdout.trim());
    expect(payload).toMatchObject({ sub: 'coordinator.youth', agency: 'youth', roles: ['coordinator'] });
    expect(payload).not.toHaveProperty('name');
    expect(payload.exp! - payload.iat!).toBe(2 * 3600);
  });

  it('refuses an unknown agency with exit code 2, naming the agencies on stderr and printing nothing on stdout', async () => {
    const result = await run(['token', '--agency', 'nosuch', '--role', 'partner'], { NODE_ENV: 'development', CASEBOOK_DATA_DIR: dataDir() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe('--agency must be one of: police, council, housing, fire, youth, health');
  });

  it('refuses an unknown option with exit code 2 too, like every other mistyped command line', async () => {
    const result = await run(['token', '--agency', 'council', '--role', 'partner', '--agnecy', 'police'], { NODE_ENV: 'development', CASEBOOK_DATA_DIR: dataDir() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe("Unknown option '--agnecy'");
    expect(result.stderr).toContain('Usage: casebook <command> [options]');
  });

  it('refuses to sign when tokens come from an identity provider: exit 1, one sentence, no stack trace', async () => {
    const result = await run(['token', '--agency', 'council', '--role', 'partner'], {
      NODE_ENV: 'production',
      JWKS_URL: 'https://idp.example.org/.well-known/jwks.json',
      CASEBOOK_DATA_DIR: dataDir(),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('casebook token signs development tokens only: with JWKS_URL set, tokens come from your identity provider.\n');
  });
});

describe.concurrent('configuration errors', () => {
  it.each([
    ['PORT', 'abc', '  PORT=abc: use a port number'],
    ['NODE_ENV', 'staging', '  NODE_ENV=staging: use development, production or test'],
    ['JWT_SECRET', 'short', '  JWT_SECRET=(hidden): use at least 32 characters'],
    ['EVENTSTORE_CONNECTION_STRING', 'tcp://admin:s3cretPass@db:1113', '  EVENTSTORE_CONNECTION_STRING=tcp://admin:***@db:1113: use an esdb:// or kurrentdb:// connection string'],
  ])('%s=%s stops the server before it touches anything, with exit 1 and a sentence naming the variable', async (name, value, line) => {
    const dir = dataDir();
    const result = await run(['serve'], { NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', CASEBOOK_DATA_DIR: dir, [name]: value });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`Casebook cannot start: the configuration is not valid.\n${line}\n`);
    expect(existsSync(embeddedStorePath(dir))).toBe(false);
  });
});

describe.concurrent('casebook verify', () => {
  const plan = 'plan-3c9e6f0a-1d2b-4c5d-8e7f-9a0b1c2d3e4f';
  const action = 'action-5e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b';

  async function writeHistory(dir: string): Promise<void> {
    const store = new SqliteEventStore({ path: embeddedStorePath(dir) });
    try {
      await store.append(plan, [newEvent('PlanOpened', { title: 'Fly-tipping behind Station Parade' }), newEvent('PlanScanned', { hotspots: 3 })], { expectedRevision: 'no_stream' });
      await store.append(plan, [newEvent('PlanAnalysed', { finding: 'unlit service road' })], { expectedRevision: 1n });
      await store.append(action, [newEvent('ActionAgreed', { agency: 'council' }), newEvent('ActionStarted', {})], { expectedRevision: 'no_stream' });
    } finally {
      await store.close();
    }
  }

  it('exits 1 naming the path when there is no store there, and creates none (a mistyped path is not a whole store)', async () => {
    const dir = join(dataDir(), 'mistyped');
    const result = await run(['verify'], { NODE_ENV: 'development', CASEBOOK_DATA_DIR: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`There is no event store at ${join(dir, 'casebook.sqlite')}. Check CASEBOOK_DATA_DIR.\n`);
    expect(existsSync(dir)).toBe(false);
  });

  it('exits 0 on a healthy store, then 1 naming the stream and revision once one stored event is edited in the file', async () => {
    const dir = dataDir();
    await writeHistory(dir);
    const env = { NODE_ENV: 'development', CASEBOOK_DATA_DIR: dir };

    const healthy = await run(['verify'], env);
    expect(healthy.stderr).toBe('');
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toBe('OK: 2 streams, 5 events, every hash chain whole.\n');

    const db = new Database(embeddedStorePath(dir));
    try {
      const edit = db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?').run(JSON.stringify({ finding: 'nothing to see here' }), plan, 2);
      expect(edit.changes).toBe(1);
    } finally {
      db.close();
    }

    const tampered = await run(['verify'], env);
    expect(tampered.stderr).toBe('');
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toBe(`BROKEN ${plan}: revision 2 was altered after it was written\nFAILED: 1 of 2 streams has a broken hash chain.\n`);
  });
});

describe('casebook seed', () => {
  it('loads the demo partnership into an empty store once, then refuses to touch it, and verify finds it whole', async () => {
    const env = { NODE_ENV: 'production', JWKS_URL: 'https://login.example.org/.well-known/jwks.json', CASEBOOK_DATA_DIR: dataDir() };
    const first = await run(['seed'], env);
    expect(first).toMatchObject({ code: 0, stderr: '', stdout: 'Demo data loaded: 21 streams written.\n' });
    const again = await run(['seed'], env);
    expect(again).toMatchObject({ code: 1, stdout: 'The store already has history: demo data is loaded only into an empty store. Nothing was written.\n' });
    const verified = await run(['verify'], env);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: \d+ streams, \d+ events, every hash chain whole\.\n$/) });
  });
});

describe('casebook serve', () => {
  it('prints the real URL and development tokens, answers with them, and exits 0 on SIGTERM', async () => {
    const dir = dataDir();
    const child = start(['serve'], { NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', CASEBOOK_DATA_DIR: dir, LOG_LEVEL: 'info' });
    const exit = finished(child, 15_000);
    let stdout = '';
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    try {
      const bannerDone = () => stdout.includes('More tokens: npm run casebook -- token --agency council --role partner');
      await Promise.race([
        expect.poll(bannerDone, { timeout: 10_000, interval: 50 }).toBe(true),
        exit.then((early) => {
          if (bannerDone()) return;
          throw new Error(`casebook serve exited before printing its banner (code ${early.code}).\nstdout: ${early.stdout}\nstderr: ${early.stderr}`);
        }),
      ]);

      const url = /^ {2}GraphQL: {3}(http:\/\/127\.0\.0\.1:(\d+))\/graphql {3}\(open it in a browser for GraphiQL\)$/m.exec(stdout);
      expect(url, stdout).not.toBeNull();
      const [, base, port] = url!;
      expect(Number(port)).toBeGreaterThan(0);
      expect(stdout).toContain(`  Health:    ${base}/healthz   ${base}/readyz\n`);
      expect(stdout).toContain(`Casebook is running on the embedded store (${dir}).`);

      const printed = [...stdout.matchAll(/^ {2}(\S+) +(\S+) +(.+) \((.+)\)\n {4}(\S+)$/gm)].map(([, agency, role, name, job, token]) => ({ agency, role, name, job, token: token! }));
      expect(printed.map(({ agency, role, name, job }) => ({ agency, role, name, job }))).toEqual(
        demoUsers.map((u) => ({ agency: u.agencyId, role: u.role, name: u.name, job: u.job })),
      );
      expect(new Set(printed.map((p) => p.agency))).toEqual(new Set(['police', 'council', 'housing', 'fire', 'youth', 'health']));
      expect(new Set(printed.map((p) => p.role))).toEqual(new Set(['coordinator', 'partner', 'supervisor', 'auditor']));
      for (const p of printed) {
        const { payload } = await verifyDevelopmentToken(p.token);
        expect(payload).toMatchObject({ agency: p.agency, roles: [p.role], name: p.name });
      }

      const ask = async (token: string) => {
        const response = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ me { userId } }' }),
        });
        return { status: response.status, body: (await response.json()) as unknown };
      };
      const partner = printed.find((p) => p.agency === 'council' && p.role === 'partner')!;
      expect(await ask(partner.token)).toEqual({ status: 200, body: { data: { me: { userId: 'megan.lloyd' } } } });
      const auditor = printed.find((p) => p.role === 'auditor')!;
      expect(await ask(auditor.token)).toEqual({ status: 200, body: { data: { me: { userId: 'olivia.grant' } } } });

      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(existsSync(embeddedStorePath(dir))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    const result = await exit;
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(stdout).toContain('"msg":"stopping"');
  });
});
