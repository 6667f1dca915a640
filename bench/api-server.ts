/**
 * The server side of the api benchmark, forked by bench/api.ts into a process
 * of its own so that the load generator never shares its event loop:
 *
 *   api-server.js casebook <data dir>   Casebook as `casebook serve` starts it, over a
 *                                       SQLite file in <data dir>, with the benchmark's plan
 *   api-server.js baseline              bare graphql-yoga on express, answering the plan
 *                                       query with the object it is sent
 *
 * It reports its peak RSS and CPU time for each measured phase over IPC, and
 * exits when told to or when the benchmark goes away.
 */
import { rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { encodeGlobalID } from '@pothos/plugin-relay';
import express from 'express';
import { createSchema, createYoga } from 'graphql-yoga';
import { pino } from 'pino';
import { startServer } from '../src/api/server.js';
import { actionStream, actionStreamName, assignAction } from '../src/app/action-stream.js';
import { type Casebook, embeddedStorePath, openCasebook } from '../src/casebook.js';
import { type CommandOptions, newEntityId } from '../src/app/command-handler.js';
import { loadDemoData } from '../src/app/demo/load-demo.js';
import { neighbourhoodStream, neighbourhoodStreamName } from '../src/app/neighbourhood-stream.js';
import { openPlan } from '../src/app/plan-opening.js';
import { planStream, planStreamName } from '../src/app/plan-stream.js';
import type { PlanCommand } from '../src/domain/plan/commands.js';
import type { Actor } from '../src/domain/shared/actor.js';
import { SqliteEventStore } from '../src/eventstore/sqlite.js';
import { ACTIONS_ON_PLAN, ASSIGNED_AGENCIES, BASELINE_TYPE_DEFS, type BenchAction, benchConfig, coordinator, type FromServer, reporterFor, type ToServer } from './api-fixture.js';
import { RssSampler } from './measure.js';

const MIB = 1024 * 1024;

/** `then`: once the message is out, so a process may exit right after telling. */
function tell(message: FromServer, then: () => void = () => undefined): void {
  process.send!(message, undefined, {}, then);
}

/** The measured phase under way: only this process can see its own RSS and CPU time, so it samples them and reports at the end. */
let phase: { rss: RssSampler; cpu: NodeJS.CpuUsage } | null = null;
let phasesMeasured = 0;

/**
 * With CASEBOOK_BENCH_CPU_PROF=<dir>, each measured phase is profiled on its
 * own (V8's sampling profiler, from its first request to its last), so the
 * profile shows the load and nothing of the setup or the warm-up.
 */
const profileDir = process.env.CASEBOOK_BENCH_CPU_PROF;
let profiler: Session | null = null;

async function onPhaseMessage(message: ToServer): Promise<void> {
  if (message.type === 'phase-begin') {
    if (profileDir) {
      profiler ??= new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    phase = { rss: new RssSampler().start(10), cpu: process.cpuUsage() };
  } else if (message.type === 'phase-end' && phase) {
    const cpu = process.cpuUsage(phase.cpu);
    const peakRssMiB = phase.rss.stop();
    phase = null;
    phasesMeasured += 1;
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      writeFileSync(`${profileDir}/${process.argv[2]}-phase-${phasesMeasured}.cpuprofile`, JSON.stringify(profile));
    }
    tell({ type: 'phase-report', peakRssMiB, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
}

function onStop(close: () => Promise<void>): void {
  process.on('message', (message: ToServer) => {
    if (message.type !== 'stop') return;
    void close().then(
      () => {
        tell({ type: 'stopped', maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MIB }, () => process.exit(0));
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

const day = (from: Date, days: number): string => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

const WHAT_IS_DONE = [
  'Letter drop to every flat in the three blocks about reporting and the new CCTV',
  'Repair the lighting on the footpath between Eastmoor Road and the parade',
  'Weekly joint patrol of the parade with the wardens on Friday and Saturday evenings',
  'Fire safety visits to the flats above the shops, with smoke alarms fitted where missing',
  'Detached youth work on the rec on Thursday evenings through the winter',
  'Tenancy warnings to the two households named in the complaints',
  'Refer the three young people seen most often to the early help panel',
  'Cut back the hedges along the cut-through and fit a gate that locks at night',
  'Ask the off-licence to stop selling single cans and high-strength cider',
  'Remove the abandoned sofas and the burnt-out moped from the garage site',
];

/**
 * The plan every request reads: opened, owned, with three SMART objectives and
 * twenty actions across five agencies, each accepted and with two progress
 * notes. Written through command handling, the demo loader's way, after the
 * demo partnership itself.
 */
async function tellBenchPlan(casebook: Casebook): Promise<{ planId: string; actions: BenchAction[] }> {
  const now = casebook.clock();
  const sarah: Actor = { userId: coordinator.userId, agencyId: coordinator.agencyId, roles: [coordinator.role], displayName: coordinator.name };
  const as = (actor: Actor, key: string): CommandOptions => ({ actor, correlationId: 'bench-setup', idempotencyKey: `bench-${key}` });

  const neighbourhoodId = newEntityId(sarah, 'bench-neighbourhood', 'neighbourhood');
  await casebook.commands.handle(
    neighbourhoodStream,
    neighbourhoodStreamName(neighbourhoodId),
    { type: 'DefineNeighbourhood', neighbourhoodId, name: 'Eastmoor', kind: 'estate', area: 'The Eastmoor estate, its shopping parade and the rec' },
    as(sarah, 'neighbourhood'),
  );
  const planId = newEntityId(sarah, 'bench-plan', 'plan');
  await openPlan(
    casebook.commands,
    planId,
    {
      title: 'Anti-social behaviour around the Eastmoor shopping parade',
      description: 'Groups gathering at the parade most evenings: intimidation of shoppers and staff, criminal damage, and fires set in the bins.',
      neighbourhoodId,
      raisedBy: [{ partyId: 'eastmoor-tra', name: 'Eastmoor Tenants’ and Residents’ Association', kind: 'community-group' }],
      openedOn: day(now, -30),
    },
    now,
    as(sarah, 'plan'),
  );
  const plan = (command: PlanCommand, key: string) => casebook.commands.handle(planStream, planStreamName(planId), command, as(sarah, key));
  await plan({ type: 'AssignPlanOwner', owner: { name: 'Megan Lloyd', role: 'ASB officer', agencyId: 'council' } }, 'owner');
  const objectives = [
    { objectiveId: 'calls', statement: 'Cut ASB calls about the parade by a third by the spring', measure: 'ASB calls for service naming the parade, a month', baseline: 42, target: 28 },
    { objectiveId: 'damage', statement: 'Halve criminal damage at the parade', measure: 'Criminal damage crimes recorded at the parade, a month', baseline: 12, target: 6 },
    { objectiveId: 'fires', statement: 'No deliberate bin fires at the parade', measure: 'Deliberate secondary fires attended, a month', baseline: 5, target: 0 },
  ];
  for (const o of objectives) {
    await plan(
      { type: 'SetObjective', objective: { ...o, direction: 'decrease', byDate: day(now, 150), aim: o.target === 0 ? { kind: 'eliminate' } : { kind: 'reduce', byPercent: Math.round((1 - o.target / o.baseline) * 100) } } },
      `objective-${o.objectiveId}`,
    );
  }

  const actions: BenchAction[] = [];
  for (let i = 0; i < ACTIONS_ON_PLAN; i++) {
    const agencyId = ASSIGNED_AGENCIES[i % ASSIGNED_AGENCIES.length]!;
    const reporter = reporterFor(agencyId);
    const partner: Actor = { userId: reporter.userId, agencyId: reporter.agencyId, roles: [reporter.role], displayName: reporter.name };
    const actionId = newEntityId(sarah, `bench-action-${i}`, 'action');
    const assigned = await assignAction(
      casebook.commands,
      actionId,
      { parent: { kind: 'plan', id: planId }, ownerAgencyId: 'council', assignee: { agencyId }, description: WHAT_IS_DONE[i % WHAT_IS_DONE.length]!, dueOn: day(now, 7 * i - 21) },
      now,
      as(sarah, `action-${i}`),
    );
    // The plan counts its actions once the reactor has linked them, as the demo's stories wait for.
    await casebook.reactions.waitFor(assigned.position!);
    const stream = actionStreamName(actionId);
    await casebook.commands.handle(actionStream, stream, { type: 'AcceptAction' }, as(partner, `accept-${i}`));
    await casebook.commands.handle(actionStream, stream, { type: 'ReportActionProgress', note: 'Agreed with the team at the last tasking meeting; first visit booked.' }, as(partner, `note-${i}-1`));
    await casebook.commands.handle(actionStream, stream, { type: 'ReportActionProgress', note: 'First visit done; residents told us what they see from their windows after dark.' }, as(partner, `note-${i}-2`));
    actions.push({ id: encodeGlobalID('Action', actionId), agencyId });
  }
  return { planId: encodeGlobalID('Plan', planId), actions };
}

/** Casebook as `casebook serve` starts it (src/main.ts), on the SQLite file in `dataDir`. */
async function serveCasebook(dataDir: string): Promise<void> {
  const started = Date.now();
  const config = { ...benchConfig(), dataDir };
  // Production logs at info; a null sink keeps the disk out of the measurement (nothing is logged per request at info).
  const logger = pino({ level: config.logLevel, base: { service: 'casebook' } }, pino.destination({ dest: '/dev/null', sync: true }));
  const store = new SqliteEventStore({ path: embeddedStorePath(config.dataDir) });
  const casebook = await openCasebook({
    store,
    onProjectionFault: (fault) => logger.error({ fault }, 'a projection failed and stopped taking events'),
    onReactorFault: (fault) => logger.warn({ fault }, 'a plan did not take the news of one of its actions'),
    onSubscriptionDropped: (error) => logger.warn({ err: error }, 'the subscription to the event store dropped; resubscribing from the checkpoint'),
  });
  await casebook.projections.whenCaughtUp();
  await loadDemoData(casebook);
  const { planId, actions } = await tellBenchPlan(casebook);
  const head = await store.headPosition();
  if (head) await casebook.projections.waitFor(head);
  const server = await startServer({ casebook, config, logger, port: 0, host: '127.0.0.1' });
  onStop(async () => {
    await server.close(1_000);
    await casebook.close();
  });
  tell({ type: 'listening', url: server.url, plan: { id: planId, actions, setupSeconds: (Date.now() - started) / 1000 } });
}

/** graphql-yoga on express with nothing of Casebook's: no auth, no limits, no store. */
async function serveBaseline(plan: unknown): Promise<void> {
  const yoga = createYoga({
    schema: createSchema({ typeDefs: BASELINE_TYPE_DEFS, resolvers: { Query: { plan: () => plan } } }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: false,
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(yoga.graphqlEndpoint, yoga);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  // As Casebook's server has it.
  server.keepAliveTimeout = 65_000;
  onStop(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  tell({ type: 'listening', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('api-server.js is forked by the api benchmark (npm run bench -- api), not run by hand');
  const [kind, dataDir] = process.argv.slice(2);
  // The benchmark gone without stopping us (killed), nothing here is wanted any more, the store least of all.
  process.on('disconnect', () => {
    if (kind === 'casebook' && dataDir) rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
  process.on('message', (message: ToServer) => {
    onPhaseMessage(message).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  if (kind === 'casebook' && dataDir) return serveCasebook(dataDir);
  if (kind === 'baseline') {
    const plan = await new Promise<unknown>((resolve) => {
      const onServe = (message: ToServer) => {
        if (message.type !== 'serve') return;
        process.off('message', onServe);
        resolve(message.plan);
      };
      process.on('message', onServe);
    });
    return serveBaseline(plan);
  }
  throw new Error(`usage: api-server.js casebook <data dir> | baseline (given: ${process.argv.slice(2).join(' ')})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
