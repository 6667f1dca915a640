/**
 * The api benchmark: what Casebook's GraphQL API serves over HTTP, against a
 * bare graphql-yoga on express answering the same plan from a static object.
 *
 *   a. baseline: graphql-yoga + express, schema from SDL, a static plan with 20 actions
 *   b. Casebook's `plan(id)` for a plan with 20 actions, with a coordinator's token
 *   c. Casebook's `reportActionProgress`, each request a new note on one of the 20 actions
 *
 * Each server runs in a process of its own (bench/api-server.ts), so the load
 * generated here never shares its event loop; on this 2-core machine the two
 * processes share the cores. 32 keep-alive connections, each one request at a
 * time; every answer is checked, and only right answers count.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'undici';
import {
  ACTIONS_ON_PLAN,
  type BenchAction,
  benchConfig,
  coordinator,
  type FromServer,
  PLAN_QUERY,
  PROGRESS_MUTATION,
  reporterFor,
  tokenFor,
  type ToServer,
} from './api-fixture.js';
import { type Benchmark, type BenchReport, type BenchRow, eventsPerSecond, formatRate, LatencyRecorder, now } from './measure.js';

const CONNECTIONS = 32;
/** Long enough for the JIT to settle the hot paths of both processes. */
const WARM_UP_MS = 3_000;
const MEASURED_MS = 10_000;

const TARGET_READ_VS_BASELINE = 0.9;
const TARGET_READ_P99_MS = 40;
const TARGET_WRITE_VS_BASELINE = 0.4;
const TARGET_WRITE_P99_MS = 60;

/**
 * CPU that other processes may take during a measured phase before its figures
 * are called disturbed. The kernel's threads writing back the store's WAL count
 * as others too: up to about 0.1 core while c runs on a quiet machine.
 */
const OTHERS_TOLERATED_CORES = 0.15;

/** A directory: each server process writes a V8 CPU profile of each measured phase there (and the figures carry the profiler's cost). */
const CPU_PROFILE_DIR = process.env.CASEBOOK_BENCH_CPU_PROF;

const SERVER_ENTRY = fileURLToPath(new URL('./api-server.js', import.meta.url));

/** Server processes not yet stopped: killed if this process exits any other way. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

type Reply<T extends FromServer['type']> = Extract<FromServer, { type: T }>;

class ServerProcess {
  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {}

  static start(name: string, args: string[]): ServerProcess {
    const child = fork(SERVER_ENTRY, args, {
      execArgv: [],
      // Production's NODE_ENV: express, graphql-js and yoga each take cheaper paths under it.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    // A message sent as it dies is lost; its exit is what the benchmark reports.
    child.on('error', () => undefined);
    return new ServerProcess(name, child);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  send(message: ToServer): void {
    if (!this.alive || !this.child.connected) throw new Error(`the ${this.name} server has exited (${this.child.signalCode ?? `code ${this.child.exitCode}`})`);
    this.child.send(message);
  }

  /** The process's next message of this type; rejected if it exits first or takes too long. */
  next<T extends FromServer['type']>(type: T, timeoutMs: number): Promise<Reply<T>> {
    return new Promise((resolve, reject) => {
      const settle = (error: Error | null, message?: Reply<T>) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        if (error) reject(error);
        else resolve(message!);
      };
      const onMessage = (message: FromServer) => {
        if (message.type === type) settle(null, message as Reply<T>);
      };
      const onExit = (code: number | null, signal: string | null) => settle(new Error(`the ${this.name} server exited (${signal ?? `code ${code}`}) before '${type}'`));
      const timer = setTimeout(() => settle(new Error(`the ${this.name} server sent no '${type}' within ${timeoutMs} ms`)), timeoutMs);
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      if (!this.alive) onExit(this.child.exitCode, this.child.signalCode);
    });
  }

  /** Sends, and waits for the answer of this type. */
  async ask<T extends FromServer['type']>(message: ToServer, reply: T, timeoutMs: number): Promise<Reply<T>> {
    const answer = this.next(reply, timeoutMs);
    try {
      this.send(message);
    } catch (error) {
      answer.catch(() => undefined);
      throw error;
    }
    return answer;
  }

  /** Asks it to close and exit; kills it if it has not within a few seconds. Answers its lifetime peak RSS, if it said. */
  async stop(): Promise<number | null> {
    if (!this.alive) return null;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    let maxRssMiB: number | null = null;
    try {
      maxRssMiB = (await this.ask({ type: 'stop' }, 'stopped', 5_000)).maxRssMiB;
    } catch {
      // Killed below.
    }
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
    return maxRssMiB;
  }
}

/** One request to send and how to tell a right answer: null, or why it is not. */
interface Exchange {
  readonly headers: Record<string, string>;
  readonly body: string;
  check(status: number, text: string): string | null;
}

interface Load {
  readonly ok: number;
  readonly failed: number;
  /** Why answers were not right, with how many; the first few kinds only. */
  readonly failures: ReadonlyMap<string, number>;
  readonly latency: LatencyRecorder;
  readonly seconds: number;
  /** Right answers in each second of the run: whether the rate held. */
  readonly perSecond: readonly number[];
}

const REASONS_KEPT = 8;

function openClients(url: string): Client[] {
  // Timeouts so a request the server never answers is a failure counted, not a benchmark that hangs.
  return Array.from({ length: CONNECTIONS }, () => new Client(url, { pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 10_000, bodyTimeout: 10_000 }));
}

async function closeClients(clients: readonly Client[]): Promise<void> {
  await Promise.all(clients.map((c) => c.close().catch(() => c.destroy())));
}

async function post(client: Client, exchange: Pick<Exchange, 'headers' | 'body'>): Promise<{ status: number; text: string }> {
  const response = await client.request({ path: '/graphql', method: 'POST', headers: exchange.headers, body: exchange.body });
  return { status: response.statusCode, text: await response.body.text() };
}

/**
 * Every client sends one request after another until `ms` have passed, then
 * lets the last one finish. Latency is from sending to the answer's last byte;
 * a failed request counts neither toward throughput nor latency.
 */
async function drive(clients: readonly Client[], next: () => Exchange, ms: number, server: ServerProcess): Promise<Load> {
  const latency = new LatencyRecorder();
  const failures = new Map<string, number>();
  const perSecond: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = now();
  const deadline = started + ms;
  const client = async (c: Client): Promise<void> => {
    while (now() < deadline && server.alive) {
      const exchange = next();
      const sent = now();
      let verdict: string | null;
      let took = 0;
      try {
        const { status, text } = await post(c, exchange);
        took = now() - sent;
        verdict = exchange.check(status, text);
      } catch (error) {
        verdict = `no answer: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (verdict === null) {
        ok += 1;
        latency.record(took);
        const second = Math.floor((sent + took - started) / 1000);
        perSecond[second] = (perSecond[second] ?? 0) + 1;
      } else {
        failed += 1;
        if (failures.has(verdict) || failures.size < REASONS_KEPT) failures.set(verdict, (failures.get(verdict) ?? 0) + 1);
      }
    }
  };
  await Promise.all(clients.map(client));
  return { ok, failed, failures, latency, seconds: (now() - started) / 1000, perSecond: Array.from(perSecond, (n) => n ?? 0) };
}

interface Measured {
  readonly row: BenchRow;
  readonly load: Load;
  readonly warmUp: Load;
  readonly serverCpuMs: number;
  readonly loadCpuMs: number;
  /** CPU time the whole machine spent, ours included: what is left over was someone else's, and spoils the figures. */
  readonly machineCpuMs: number;
}

function machineBusyMs(): number {
  return cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);
}

/** Warms up, then measures with the server sampling its own peak RSS and CPU over the measured part alone. */
async function measureTarget(operation: string, server: ServerProcess, clients: readonly Client[], next: () => Exchange): Promise<Measured> {
  const warmUp = await drive(clients, next, WARM_UP_MS, server);
  server.send({ type: 'phase-begin' });
  const cpu = process.cpuUsage();
  const machine = machineBusyMs();
  const load = await drive(clients, next, MEASURED_MS, server);
  const used = process.cpuUsage(cpu);
  const machineCpuMs = machineBusyMs() - machine;
  const { peakRssMiB, cpuMs } = await server.ask({ type: 'phase-end' }, 'phase-report', 30_000);
  return {
    row: { operation, count: load.ok, seconds: load.seconds, latency: load.latency.summary(), peakRssMiB },
    load,
    warmUp,
    serverCpuMs: cpuMs,
    loadCpuMs: (used.user + used.system) / 1000,
    machineCpuMs,
  };
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string }>;
}

function parse(text: string): GraphQLAnswer | null {
  try {
    return JSON.parse(text) as GraphQLAnswer;
  } catch {
    return null;
  }
}

interface PlanAnswer {
  actions: Array<{ id: string; progressNotes: unknown[] }>;
}

/**
 * Reading the plan. The plan does not change while it is read, so the right
 * answer is byte for byte the one fetched before; anything else is looked
 * into and said why.
 */
function planExchange(planId: string, token: string, expected: string): Exchange {
  const body = JSON.stringify({ operationName: 'Plan', query: PLAN_QUERY, variables: { id: planId } });
  const headers = { ...JSON_HEADERS, authorization: `Bearer ${token}` };
  return {
    headers,
    body,
    check(status, text) {
      if (status === 200 && text === expected) return null;
      const answer = parse(text);
      if (!answer) return `HTTP ${status}, not JSON`;
      if (answer.errors?.length) return `HTTP ${status}, error: ${answer.errors[0]!.message}`;
      const plan = answer.data?.plan as PlanAnswer | null | undefined;
      if (!plan) return `HTTP ${status}, no plan`;
      if (plan.actions.length !== ACTIONS_ON_PLAN) return `${plan.actions.length} actions, not ${ACTIONS_ON_PLAN}`;
      return `HTTP ${status}, a different answer from the first`;
    },
  };
}

interface ProgressAnswer {
  __typename: string;
  code?: string;
  message?: string;
  action?: { id: string; revision: number; status: string; progressNoteCount: number; progressNotes: Array<{ note: string; by: string; at: string }> };
}

/** What the writes saw of the answers they checked. */
interface WriteTally {
  largestAnswerBytes: number;
  firstAnswerBytes: number;
}

/**
 * Each request a new note on the next of the plan's actions in turn, sent by
 * the partner of the agency it is assigned to. Right: the payload (not an
 * error), for that action, its latest notes holding the new one, and its
 * revision counting every note (assigned, accepted, then one event a note).
 * It asks for the latest 32 notes: as many as there are connections, so a
 * note written by another request after this one cannot push this one out.
 */
function progressExchanges(actions: readonly BenchAction[], tokens: ReadonlyMap<string, string>, tally: WriteTally): () => Exchange {
  let sent = 0;
  return () => {
    const n = sent++;
    const action = actions[n % actions.length]!;
    const note = `Bench ${n}: walked the parade with the wardens after school; two groups moved on, no damage found.`;
    return {
      headers: { ...JSON_HEADERS, authorization: `Bearer ${tokens.get(action.agencyId)!}` },
      body: JSON.stringify({ operationName: 'ReportProgress', query: PROGRESS_MUTATION, variables: { input: { actionId: action.id, note } } }),
      check(status, text) {
        const answer = parse(text);
        if (!answer) return `HTTP ${status}, not JSON`;
        if (answer.errors?.length) return `HTTP ${status}, error: ${answer.errors[0]!.message}`;
        const payload = answer.data?.reportActionProgress as ProgressAnswer | undefined;
        if (!payload) return `HTTP ${status}, no reportActionProgress`;
        if (payload.__typename !== 'ActionPayload' || !payload.action) return `${payload.__typename}: ${payload.code ?? payload.message ?? ''}`;
        const { id, revision, progressNotes, progressNoteCount } = payload.action;
        if (id !== action.id) return 'the answer is about another action';
        let found = false;
        for (let i = progressNotes.length - 1; i >= 0 && !found; i--) found = progressNotes[i]!.note === note;
        if (!found) return 'the answer does not show the new note';
        if (revision !== progressNoteCount + 1) return `revision ${revision} does not count its ${progressNoteCount} notes`;
        const bytes = Buffer.byteLength(text);
        if (tally.firstAnswerBytes === 0) tally.firstAnswerBytes = bytes;
        if (bytes > tally.largestAnswerBytes) tally.largestAnswerBytes = bytes;
        return null;
      },
    };
  };
}

/** A one-off request outside any measured phase; its answer must be a plan, or the benchmark stops here. */
async function fetchPlan(url: string, exchange: Pick<Exchange, 'headers' | 'body'>, who: string): Promise<{ text: string; plan: PlanAnswer }> {
  const client = new Client(url, { headersTimeout: 10_000, bodyTimeout: 10_000 });
  try {
    const { status, text } = await post(client, exchange);
    const answer = parse(text);
    const plan = answer?.data?.plan as PlanAnswer | null | undefined;
    if (status !== 200 || !plan || answer?.errors?.length) throw new Error(`${who} did not answer the plan query (HTTP ${status}): ${text.slice(0, 500)}`);
    return { text, plan };
  } finally {
    await client.close();
  }
}

function failureLines(label: string, m: Measured): string[] {
  if (m.load.failed === 0 && m.warmUp.failed === 0) return [];
  const lines = [`FAILED ${label}: ${m.load.failed} measured, ${m.warmUp.failed} in the warm-up; never counted in throughput or latency.`];
  for (const load of [m.warmUp, m.load]) for (const [reason, count] of load.failures) lines.push(`  ${count} x ${reason}`);
  return lines;
}

const ms = (v: number): string => v.toFixed(v < 10 ? 3 : 1);
const ratio = (v: number): string => v.toFixed(3);

async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-api-'));
  const servers: ServerProcess[] = [];
  const clientSets: Client[][] = [];
  const clientsFor = (url: string): Client[] => {
    const clients = openClients(url);
    clientSets.push(clients);
    return clients;
  };
  try {
    const config = benchConfig();
    const casebook = ServerProcess.start('Casebook', ['casebook', dir]);
    servers.push(casebook);
    const ready = await casebook.next('listening', 120_000);
    if (!ready.plan) throw new Error('the Casebook server listens without a plan');
    const { id: planId, actions, setupSeconds } = ready.plan;
    if (actions.length !== ACTIONS_ON_PLAN) throw new Error(`the plan has ${actions.length} actions, not ${ACTIONS_ON_PLAN}`);

    const coordinatorToken = await tokenFor(config, coordinator);
    const reporterTokens = new Map<string, string>();
    for (const agencyId of new Set(actions.map((a) => a.agencyId))) reporterTokens.set(agencyId, await tokenFor(config, reporterFor(agencyId)));

    // The baseline serves Casebook's own answer, so both send the same bytes for the same request.
    const probe = planExchange(planId, coordinatorToken, '');
    const casebookAnswer = await fetchPlan(ready.url, probe, 'Casebook');
    if (casebookAnswer.plan.actions.length !== ACTIONS_ON_PLAN) throw new Error(`Casebook's plan shows ${casebookAnswer.plan.actions.length} actions, not ${ACTIONS_ON_PLAN}`);
    const baseline = ServerProcess.start('baseline', ['baseline']);
    servers.push(baseline);
    const baselineUrl = (await baseline.ask({ type: 'serve', plan: casebookAnswer.plan }, 'listening', 30_000)).url;
    const baselineAnswer = await fetchPlan(baselineUrl, probe, 'the baseline');
    if (baselineAnswer.text !== casebookAnswer.text) {
      throw new Error(`the baseline's answer differs from Casebook's:\n${baselineAnswer.text.slice(0, 300)}\n${casebookAnswer.text.slice(0, 300)}`);
    }

    // The same request, byte for byte, to both; the baseline ignores the token.
    const baselineRead = planExchange(planId, coordinatorToken, baselineAnswer.text);
    const a = await measureTarget(`a. baseline: bare graphql-yoga + express, static plan`, baseline, clientsFor(baselineUrl), () => baselineRead);
    const baselineMaxRss = await baseline.stop();

    const casebookRead = planExchange(planId, coordinatorToken, casebookAnswer.text);
    const casebookClients = clientsFor(ready.url);
    const b = await measureTarget(`b. Casebook plan(id), ${ACTIONS_ON_PLAN} actions, coordinator`, casebook, casebookClients, () => casebookRead);

    const tally: WriteTally = { largestAnswerBytes: 0, firstAnswerBytes: 0 };
    const c = await measureTarget(`c. Casebook reportActionProgress, 1 of ${ACTIONS_ON_PLAN} actions`, casebook, casebookClients, progressExchanges(actions, reporterTokens, tally));

    // Every note answered must be on its action: none lost between the answer and the store.
    const after = await fetchPlan(ready.url, probe, 'Casebook');
    const notesKept = after.plan.actions.reduce((n, action) => n + action.progressNotes.length, 0);
    // At least: a request that failed after its note was written adds one nobody was told of.
    const notesAnswered = 2 * ACTIONS_ON_PLAN + c.warmUp.ok + c.load.ok;
    const casebookMaxRss = await casebook.stop();

    const rate = (m: Measured) => eventsPerSecond(m.row);
    const readRatio = rate(b) / rate(a);
    const writeRatio = rate(c) / rate(a);
    const p99 = (m: Measured) => m.row.latency?.p99 ?? Number.POSITIVE_INFINITY;
    const othersCores = (m: Measured) => Math.max(0, m.machineCpuMs - m.serverCpuMs - m.loadCpuMs) / 1000 / m.load.seconds;
    const disturbed = Object.entries({ a, b, c })
      .filter(([, m]) => othersCores(m) > OTHERS_TOLERATED_CORES)
      .map(([label]) => label);
    const cpuLine = (label: string, m: Measured) => {
      const requests = m.load.ok + m.load.failed;
      const cores = (cpuMs: number) => (cpuMs / 1000 / m.load.seconds).toFixed(2);
      return (
        `${label}: server ${ms(m.serverCpuMs / Math.max(1, requests))} ms CPU a request, ${cores(m.serverCpuMs)} cores busy; load generator ${cores(m.loadCpuMs)} cores; ` +
        `everything else on the machine ${othersCores(m).toFixed(2)} cores`
      );
    };
    return {
      title: `api: GraphQL over HTTP on loopback, ${CONNECTIONS} connections`,
      rateUnit: 'requests',
      rows: [a.row, b.row, c.row],
      notes: [
        `each server in a process of its own (NODE_ENV=production), the load generator in this one: ${CONNECTIONS} keep-alive undici connections, one request at a time each; ` +
          `${WARM_UP_MS / 1000} s warm-up, then ${MEASURED_MS / 1000} s measured per row. Latency: sending to the answer's last byte. Only answers checked right count.`,
        `Casebook: startServer as \`casebook serve\` starts it, environment production (no GraphiQL, introspection off), pino at info to /dev/null (nothing is logged per request at info); ` +
          `HS256 development tokens (production checks an identity provider's RS/ES tokens against its JWKS, which costs more); SQLite file under ${tmpdir()}, ` +
          `holding the demo partnership and the benchmark's plan; ready in ${setupSeconds.toFixed(1)} s.`,
        `a: SDL of the fields b selects only, answering Casebook's own answer to b (checked byte for byte: ${Buffer.byteLength(baselineAnswer.text)} bytes); a and b get the same request, token and all.`,
        `c: each request a new note on the next of the ${ACTIONS_ON_PLAN} actions in turn, by the partner of its agency; right when the answer is ActionPayload for that action, shows the note, and its revision counts its notes. ` +
          `Answers carry the latest 32 notes: ${tally.firstAnswerBytes} bytes at first, ${tally.largestAnswerBytes} at the end (${Math.round(notesKept / ACTIONS_ON_PLAN)} notes an action at the end). ` +
          `Right answers in each second: ${c.load.perSecond.slice(0, Math.floor(c.load.seconds)).join(', ')}.`,
        `throughput against the baseline: b ${ratio(readRatio)} (${formatRate(rate(b))} / ${formatRate(rate(a))} requests/s), c ${ratio(writeRatio)} (${formatRate(rate(c))} / ${formatRate(rate(a))}).`,
        cpuLine('a', a),
        cpuLine('b', b),
        cpuLine('c', c),
        `at full load the latency is mostly queueing: ${CONNECTIONS} connections each waiting for its answer make the mean ${CONNECTIONS} / throughput ` +
          `(a ${ms((1000 * CONNECTIONS) / rate(a))} ms, b ${ms((1000 * CONNECTIONS) / rate(b))} ms, c ${ms((1000 * CONNECTIONS) / rate(c))} ms), so a p99 target is a throughput target too.`,
        `peak RSS: the server process's own, sampled every 10 ms over the measured part; over their whole lives: baseline ${baselineMaxRss?.toFixed(1) ?? '?'} MiB, Casebook ${casebookMaxRss?.toFixed(1) ?? '?'} MiB.`,
        ...(disturbed.length > 0
          ? [`DISTURBED: other processes used more than ${OTHERS_TOLERATED_CORES} cores while ${disturbed.join(', ')} ran: their throughput and latency (and the ratios) are not this code's; the CPU time a request holds up better. Run again on a quiet machine.`]
          : []),
        ...(CPU_PROFILE_DIR ? [`CPU profiles of each measured phase written to ${CPU_PROFILE_DIR}: these figures carry the profiler's cost.`] : []),
        ...failureLines('a', a),
        ...failureLines('b', b),
        ...failureLines('c', c),
      ],
      targets: [
        { description: `b >= ${TARGET_READ_VS_BASELINE} of the baseline's throughput`, met: readRatio >= TARGET_READ_VS_BASELINE, figure: ratio(readRatio) },
        { description: `b p99 <= ${TARGET_READ_P99_MS} ms`, met: p99(b) <= TARGET_READ_P99_MS, figure: `${ms(p99(b))} ms` },
        { description: `c >= ${TARGET_WRITE_VS_BASELINE} of the baseline's throughput`, met: writeRatio >= TARGET_WRITE_VS_BASELINE, figure: ratio(writeRatio) },
        { description: `c p99 <= ${TARGET_WRITE_P99_MS} ms`, met: p99(c) <= TARGET_WRITE_P99_MS, figure: `${ms(p99(c))} ms` },
        { description: 'no request failed', met: a.load.failed + b.load.failed + c.load.failed === 0, figure: `${a.load.failed} / ${b.load.failed} / ${c.load.failed}` },
        { description: 'every note answered is on its action', met: notesKept >= notesAnswered, figure: `${notesKept} kept, ${notesAnswered} answered` },
      ],
    };
  } finally {
    for (const clients of clientSets) await closeClients(clients);
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = { name: 'api', run };
