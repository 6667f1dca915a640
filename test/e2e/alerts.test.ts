/**
 * The `alerts` subscription over server-sent events, as a partner's system
 * would hold it open: an alert raised on a case reaches the agencies on the
 * case as it happens, and no other; and a client that goes away leaves no
 * store subscription behind.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asbCaseStream, asbCaseStreamName, openAsbCase } from '../../src/app/asb-case-stream.js';
import { asbCaseCommandSchema } from '../../src/domain/asb-case/commands.js';
import { currentRiskQuestionnaire } from '../../src/domain/asb-case/risk-assessment.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import type { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { type EventStream, subscribe } from '../support/event-stream.js';
import { startTestServer, type TestServer, testNow } from '../support/server.js';

let server: TestServer;
/** The store subscriptions Casebook itself holds (the read models', the reactor's), with no client subscribed. */
let quiet: number;
const megan: Actor = { userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], displayName: 'Megan Lloyd' };
const caseId = 'ca5e0000-0000-4000-8000-0000000000f1';
const doreen = '0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6';
const imran = '1c8d2e3f-4051-4b62-9c73-8d94ea5fb607';

async function on(command: Record<string, unknown>) {
  const result = await server.casebook.commands.handle(asbCaseStream, asbCaseStreamName(caseId), asbCaseCommandSchema.parse(command), { actor: megan, correlationId: 'test' });
  return result;
}

const storeSubscriptions = () => (server.casebook.storeAsWritten as SqliteEventStore).stats().subscriptions;

type AlertStream = EventStream<{ alerts?: Record<string, unknown> }>;

/** One open `alerts` subscription, read as the events come. */
const subscribeToAlerts = (token: string): Promise<AlertStream> =>
  subscribe(server, token, 'subscription { alerts { alertId reason personId role on agencies asbCase { reference } } }');

const answers = (yes: boolean) => Object.fromEntries(currentRiskQuestionnaire.questions.map((q) => [q.id, yes]));

beforeAll(async () => {
  server = await startTestServer({ demo: false });
  await openAsbCase(
    server.casebook.commands,
    caseId,
    { title: 'Fireworks through a letterbox on Airedale Road', summary: 'A lit rocket pushed through an older resident’s letterbox.', owningAgencyId: 'council', location: { description: 'Airedale Road, Castleford' }, openedOn: '2026-11-01' },
    testNow,
    { actor: megan, correlationId: 'test' },
  );
  await on({ type: 'AddCasePartner', agencyId: 'police', reason: 'Reported to the police first.' });
  await on({ type: 'RecordVictim', personId: doreen, details: { name: 'Doreen Walsh' }, recordedOn: '2026-11-01' });
  await on({ type: 'RecordWitness', personId: imran, details: { name: 'Imran Siddiqui' }, recordedOn: '2026-11-01' });
  // An assessment that raises no alert, before anyone subscribes.
  const last = await on({ type: 'AssessVictimRisk', personId: doreen, answers: answers(false), assessedOn: '2026-11-02' });
  await server.casebook.projections.waitFor(last.position!);
  quiet = storeSubscriptions();
});

afterEach(async () => {
  // Every client of a test has gone: the server notices in its own time, and must leave no store subscription open.
  await expect.poll(storeSubscriptions, { timeout: 5_000 }).toBe(quiet);
});

afterAll(async () => {
  await server?.close();
});

describe('the alerts subscription', () => {
  it('brings an alert to an agency on the case as it is raised, and nothing to an agency not on it', async () => {
    const police = await subscribeToAlerts(await server.token({ userId: 'james.whitaker', agencyId: 'police', roles: ['partner'], name: 'PCSO James Whitaker' }));
    const housing = await subscribeToAlerts(await server.token({ userId: 'priya.shah', agencyId: 'housing', roles: ['partner'], name: 'Priya Shah' }));
    // A coordinator sees the case, but the alert was not raised to its agency.
    const analyst = await subscribeToAlerts(await server.token({ userId: 'aisha.begum', agencyId: 'csp', roles: ['coordinator'], name: 'Aisha Begum' }));
    try {
      await on({ type: 'AssessVictimRisk', personId: doreen, answers: answers(true), assessedOn: '2026-11-20' });
      await police.waitFor(1);
      expect(police.received[0]).toEqual({
        data: {
          alerts: { alertId: 'alert-1', reason: 'assessed_high', personId: doreen, role: 'victim', on: '2026-11-20', agencies: ['council', 'police'], asbCase: { reference: 'ASB-2026-0001' } },
        },
      });
      // A second alert comes too, in its turn: the witness flagged intimidated.
      await on({ type: 'FlagPerson', personId: imran, flag: 'intimidated', reason: 'Threatened for speaking to the police.', flaggedOn: '2026-11-21' });
      await police.waitFor(2);
      expect(police.received[1]).toMatchObject({ data: { alerts: { alertId: 'alert-2', reason: 'intimidated', personId: imran, role: 'witness' } } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(housing.received).toEqual([]);
      expect(analyst.received).toEqual([]);
      expect(police.received).toHaveLength(2);
    } finally {
      police.close();
      housing.close();
      analyst.close();
    }
  });

  it('brings only alerts raised after subscribing', async () => {
    const council = await subscribeToAlerts(await server.token({ userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], name: 'Megan Lloyd' }));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(council.received).toEqual([]);
      await on({ type: 'FlagPerson', personId: doreen, flag: 'vulnerable', reason: 'Lives alone.', flaggedOn: '2026-11-22' });
      await council.waitFor(1);
      expect(council.received.map((r) => r.data?.alerts?.alertId)).toEqual(['alert-3']);
    } finally {
      council.close();
    }
  });

  it('closes its store subscription when the client goes away', async () => {
    const police = await subscribeToAlerts(await server.token({ userId: 'james.whitaker', agencyId: 'police', roles: ['partner'], name: 'PCSO James Whitaker' }));
    try {
      // The store's subscription starts with the first read of it.
      await expect.poll(storeSubscriptions, { timeout: 2_000 }).toBe(quiet + 1);
    } finally {
      police.close();
    }
    await expect.poll(storeSubscriptions, { timeout: 5_000 }).toBe(quiet);
  });

  it('refuses a subscription without a token', async () => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'subscription { alerts { alertId } }' }),
    });
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});
