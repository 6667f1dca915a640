/**
 * Time travel through HTTP, on the demo partnership: `planAsOf`,
 * `asbCaseAsOf` and `actionAsOf` answer a record as it stood at a past
 * instant, through the same read model code and deciders as the live record.
 *
 * The instant is each event's `occurredAt`, and a stream is cut at the first
 * event that occurred later than it. Events at one instant come or go
 * together: in the demo an opening and the step told with it share one. So
 * every revision's instant is checked against the fold of the prefix that
 * rule keeps, folded here by the plan decider itself; where the prefix ends
 * at the revision itself (most of them), against the fold to that revision,
 * the words exactly; and nowhere may it end before the revision. (An
 * action's news is dated by the action's event, not by when Casebook relayed
 * it, which is what keeps a record's events in the order things happened.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asbCaseStream, asbCaseStreamName, openAsbCase } from '../../src/app/asb-case-stream.js';
import { CommandHandler } from '../../src/app/command-handler.js';
import { asbCaseCommandSchema } from '../../src/domain/asb-case/commands.js';
import { currentRiskQuestionnaire } from '../../src/domain/asb-case/risk-assessment.js';
import { planDecider } from '../../src/domain/plan/decider.js';
import { nextReviewDue } from '../../src/domain/plan/evaluation.js';
import type { PlanEvent } from '../../src/domain/plan/events.js';
import { fold } from '../../src/domain/shared/decider.js';
import type { RecordedEvent } from '../../src/eventstore/event-store.js';
import { startTestServer, type TestServer, testNow } from '../support/server.js';

let server: TestServer;
let auditor: string;

const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');
const localId = (id: string) => Buffer.from(id, 'base64').toString('utf8').split(':')[1]!;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function query(text: string, token: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await server.graphql(text, { token, variables });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as Data;
}

async function streamOf(name: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of server.casebook.store.readStream(name)) events.push(event);
  return events;
}

/** The rule under test, written out again: the events up to the first that occurred later than `at`. */
function cutAt(events: readonly RecordedEvent[], at: string): RecordedEvent[] {
  const later = events.findIndex((e) => Date.parse(e.metadata.occurredAt) > Date.parse(at));
  return later === -1 ? [...events] : events.slice(0, later);
}

const before = (at: string, ms = 1) => new Date(Date.parse(at) - ms).toISOString();

const PLAN_FIELDS = `
  reference revision title stage openedOn
  owner { name agencyId }
  partners { name agencyId communityGroup }
  raisedBy { partyId name kind }
  objectives { objectiveId statement baseline target byDate }
  scanning { description }
  analysis { hypotheses }
  responsePlans { strand plan }
  riskAssessments { level assessedOn }
  communityImpactAssessments { level assessedOn }
  meetings { meetingId heldOn }
  reviews { reviewId dueOn doneOn }
  nextReviewDue
  responseActions { actionId agencyId dueOn outcome }
  measurements { objectiveId value }
  resultsAnalysis { concludedOn }
  closure { proposed justification signOffs { partyId satisfied } closedOn }
  reopenings { reopenedOn }
  timeline { revision }
`;

/** What PLAN_FIELDS should read for the plan the decider folds from `events`. */
function expectedPlan(events: readonly RecordedEvent[]) {
  const state = fold(planDecider, events.map((e) => e.data as unknown as PlanEvent));
  if (!state.opened) return null;
  const revision = Number(events.at(-1)!.revision);
  return {
    reference: state.reference,
    revision,
    title: state.title,
    stage: state.stage,
    openedOn: state.openedOn,
    owner: state.owner ? { name: state.owner.name, agencyId: state.owner.agencyId ?? null } : null,
    partners: [...state.partners.values()].map((p) => ({ name: p.name, agencyId: p.agencyId ?? null, communityGroup: p.communityGroup ?? null })),
    raisedBy: [...state.raisers.values()].map((r) => ({ partyId: r.partyId, name: r.name, kind: r.kind })),
    objectives: [...state.objectives.values()].map((o) => ({ objectiveId: o.objectiveId, statement: o.statement, baseline: o.baseline, target: o.target, byDate: o.byDate })),
    scanning: state.scanning ? { description: state.scanning.description } : null,
    analysis: state.analysis ? { hypotheses: state.analysis.hypotheses } : null,
    responsePlans: Object.entries(state.responses).map(([strand, plan]) => ({ strand, plan: plan.plan })),
    riskAssessments: state.risk.map((a) => ({ level: a.level, assessedOn: a.assessedOn })),
    communityImpactAssessments: state.communityImpact.map((a) => ({ level: a.level, assessedOn: a.assessedOn })),
    meetings: state.meetings.map((m) => ({ meetingId: m.meetingId, heldOn: m.heldOn })),
    reviews: [...state.reviews.values()].map((r) => ({ reviewId: r.reviewId, dueOn: r.dueOn, doneOn: r.done?.doneOn ?? null })),
    nextReviewDue: nextReviewDue(state),
    responseActions: [...state.actions.values()].map((a) => ({ actionId: a.actionId, agencyId: a.agencyId, dueOn: a.dueOn, outcome: a.outcome?.status ?? null })),
    measurements: state.measurements.map((m) => ({ objectiveId: m.objectiveId, value: m.value })),
    resultsAnalysis: state.conclusion ? { concludedOn: state.conclusion.concludedOn } : null,
    closure: {
      proposed: state.closure !== null,
      justification: state.closure?.justification ?? null,
      signOffs: [...state.raisers.values()].map((r) => ({ partyId: r.partyId, satisfied: state.closure?.signOffs.get(r.partyId)?.satisfied ?? null })),
      closedOn: state.closedOn,
    },
    reopenings: state.reopenings.map((r) => ({ reopenedOn: r.reopenedOn })),
    // Every event of a plan puts one happening on its timeline: the timeline is the prefix's, no more (in revision order here; `normalised` sorts what the API gives by day).
    timeline: events.map((e) => ({ revision: Number(e.revision) })),
  };
}

/** A plan as PLAN_FIELDS read it, with its timeline in revision order rather than by day. */
function normalised(plan: Data | null) {
  return plan && { ...plan, timeline: [...plan.timeline].sort((a: { revision: number }, b: { revision: number }) => a.revision - b.revision) };
}

interface DemoRecord {
  readonly id: string;
  readonly localId: string;
  readonly reference: string;
}

let demoPlans: DemoRecord[];
let demoCases: DemoRecord[];

beforeAll(async () => {
  server = await startTestServer();
  auditor = await server.token({ userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'], name: 'Olivia Grant' });
  const data = await query('{ plans(first: 100) { edges { node { id reference } } } asbCases(first: 100) { edges { node { id reference } } } }', auditor);
  const records = (connection: { edges: Array<{ node: { id: string; reference: string } }> }) =>
    connection.edges.map(({ node }) => ({ id: node.id, localId: localId(node.id), reference: node.reference })).sort((a, b) => a.reference.localeCompare(b.reference));
  demoPlans = records(data.plans);
  demoCases = records(data.asbCases);
});

afterAll(async () => {
  await server.close();
});

describe('planAsOf', () => {
  it('answers, for every revision of every demo plan, the plan the decider folds from the events up to that event’s instant', async () => {
    expect(demoPlans.map((p) => p.reference)).toEqual(['PSP-2026-0001', 'PSP-2026-0002', 'PSP-2026-0003', 'PSP-2026-0004', 'PSP-2026-0005']);
    let revisions = 0;
    let exactly = 0;
    for (const plan of demoPlans) {
      const events = await streamOf(`plan-${plan.localId}`);
      expect(events.length).toBeGreaterThan(1);
      for (const event of events) {
        const at = event.metadata.occurredAt;
        const prefix = cutAt(events, at);
        const data = await query(`query($id: ID!, $at: DateTime!) { planAsOf(id: $id, at: $at) { ${PLAN_FIELDS} } }`, auditor, { id: plan.id, at });
        expect(normalised(data.planAsOf), `${plan.reference} as of revision ${event.revision} (${at})`).toEqual(expectedPlan(prefix));
        revisions += 1;
        const revision = Number(event.revision);
        if (prefix.length === revision + 1) {
          // The words exactly: the state as of that event's time is the state folded to that revision.
          expect(data.planAsOf.revision).toBe(revision);
          expect(normalised(data.planAsOf)).toEqual(expectedPlan(events.slice(0, revision + 1)));
          exactly += 1;
        } else {
          // Events after it share its instant (an opening and the step told with it); none before it is later.
          expect(prefix.length, `${plan.reference} revision ${revision}`).toBeGreaterThan(revision + 1);
          expect(events.slice(revision + 1, prefix.length).every((e) => e.metadata.occurredAt === at)).toBe(true);
        }
      }
    }
    expect(revisions).toBe(69);
    expect(exactly).toBeGreaterThan(revisions / 2);
  });

  it('answers a plan as of the instant just after each revision’s with that revision', async () => {
    // The motorbikes plan's events rise in time (its opening and first step share an instant): between two instants the plan is as the first left it.
    const motorbikes = demoPlans.find((p) => p.reference === 'PSP-2026-0004')!;
    const events = await streamOf(`plan-${motorbikes.localId}`);
    for (const [i, event] of events.entries()) {
      const next = events[i + 1];
      if (next === undefined || next.metadata.occurredAt === event.metadata.occurredAt) continue;
      const at = before(next.metadata.occurredAt);
      const data = await query('query($id: ID!, $at: DateTime!) { planAsOf(id: $id, at: $at) { revision stage } }', auditor, { id: motorbikes.id, at });
      expect(data.planAsOf.revision).toBe(Number(event.revision));
    }
  });

  it('is null before the plan was opened, and the live plan for an instant after its last event', async () => {
    const bonfire = demoPlans.find((p) => p.reference === 'PSP-2026-0001')!;
    const events = await streamOf(`plan-${bonfire.localId}`);
    const opened = events[0]!.metadata.occurredAt;
    const early = await query('query($id: ID!, $at: DateTime!) { planAsOf(id: $id, at: $at) { revision } }', auditor, { id: bonfire.id, at: before(opened) });
    expect(early.planAsOf).toBeNull();
    const later = await query(
      `query($id: ID!, $at: DateTime!) { planAsOf(id: $id, at: $at) { ${PLAN_FIELDS} } plan(id: $id) { ${PLAN_FIELDS} } }`,
      auditor,
      { id: bonfire.id, at: new Date(testNow.getTime() + 60_000).toISOString() },
    );
    expect(later.planAsOf).toEqual(later.plan);
    expect(later.planAsOf.revision).toBe(events.length - 1);
  });

  it('takes an instant with any offset', async () => {
    const bonfire = demoPlans.find((p) => p.reference === 'PSP-2026-0001')!;
    // 2026-09-04T10:13:00Z, when its third response plan was recorded, written in British Summer Time.
    const data = await query('query($id: ID!) { planAsOf(id: $id, at: "2026-09-04T11:13:00+01:00") { revision stage } }', auditor, { id: bonfire.id });
    expect(data.planAsOf).toEqual({ revision: 14, stage: 'response' });
  });

  it('is null for an agency that may not see the plan now, as for an id never used', async () => {
    const streetDrinking = demoPlans.find((p) => p.reference === 'PSP-2026-0005')!;
    const fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'] });
    const at = testNow.toISOString();
    const data = await query(
      'query($id: ID!, $never: ID!, $at: DateTime!) { planAsOf(id: $id, at: $at) { id } never: planAsOf(id: $never, at: $at) { id } plan(id: $id) { id } }',
      fire,
      { id: streetDrinking.id, never: globalId('Plan', '00000000-0000-4000-8000-000000000000'), at },
    );
    expect(data).toEqual({ planAsOf: null, never: null, plan: null });
  });

  it('gives the plan’s actions and their plan as they stood at the same instant, judged overdue on that day', async () => {
    // The rogue landlords plan: the fire service's inspection was blocked on 24 September and is overdue now.
    const landlords = demoPlans.find((p) => p.reference === 'PSP-2026-0003')!;
    const at = '2026-09-24T12:00:00.000Z';
    const data = await query(
      `query($id: ID!, $at: DateTime!) {
        planAsOf(id: $id, at: $at) { revision reviewOverdue actions { id reference status dueOn overdue revision plan { revision } ownerAgencyId } history { totalCount } }
        plan(id: $id) { revision actions { reference status overdue revision } history { totalCount } }
      }`,
      auditor,
      { id: landlords.id, at },
    );
    const live = data.plan;
    const then = data.planAsOf;
    expect(live.actions.map((a: { reference: string; status: string; overdue: boolean }) => [a.reference, a.status, a.overdue])).toEqual([
      ['ACT-2026-0005', 'blocked', true],
      ['ACT-2026-0006', 'assigned', false],
    ]);
    // By that noon the plan had heard of both actions (each piece of news dated by the action's own event), and nothing has happened to it since: the same revision, but its actions as they then stood.
    expect(then.revision).toBe(12);
    expect(then.history.totalCount).toBe(13);
    expect(live.history.totalCount).toBe(13);
    expect(then.actions.map((a: { reference: string; status: string; overdue: boolean; revision: number }) => [a.reference, a.status, a.overdue, a.revision])).toEqual([
      ['ACT-2026-0005', 'blocked', false, 3],
      ['ACT-2026-0006', 'assigned', false, 0],
    ]);
    for (const action of then.actions) {
      expect(action.plan).toEqual({ revision: 12 });
      expect(action.ownerAgencyId).toBe('fire');
      const direct = await query('query($id: ID!, $at: DateTime!) { actionAsOf(id: $id, at: $at) { status overdue revision } }', auditor, { id: action.id, at });
      expect(direct.actionAsOf).toEqual({ status: action.status, overdue: action.overdue, revision: action.revision });
    }
  });
});

describe('actionAsOf', () => {
  it('answers each revision of an action as the action stood', async () => {
    const landlords = demoPlans.find((p) => p.reference === 'PSP-2026-0003')!;
    const { plan } = await query('query($id: ID!) { plan(id: $id) { actions { id reference } } }', auditor, { id: landlords.id });
    const inspection = plan.actions.find((a: { reference: string }) => a.reference === 'ACT-2026-0005');
    const events = await streamOf(`action-${localId(inspection.id)}`);
    expect(events.map((e) => e.type)).toEqual(['ActionAssigned', 'ActionAccepted', 'ActionProgressReported', 'ActionBlocked']);
    const statuses = [];
    for (const event of events) {
      const data = await query('query($id: ID!, $at: DateTime!) { actionAsOf(id: $id, at: $at) { revision status progressNoteCount blockedReason } }', auditor, {
        id: inspection.id,
        at: event.metadata.occurredAt,
      });
      expect(data.actionAsOf.revision).toBe(Number(event.revision));
      statuses.push(data.actionAsOf.status);
    }
    expect(statuses).toEqual(['assigned', 'accepted', 'in_progress', 'blocked']);
    const early = await query('query($id: ID!, $at: DateTime!) { actionAsOf(id: $id, at: $at) { id } }', auditor, { id: inspection.id, at: before(events[0]!.metadata.occurredAt) });
    expect(early.actionAsOf).toBeNull();
  });
});

describe('asbCaseAsOf', () => {
  it('answers the case as it stood, and judges who reads its people as the case stands now', async () => {
    // Sycamore Walk: opened by the council on 20 October; the police joined on the 21st.
    const sycamore = demoCases.find((c) => c.reference === 'ASB-2026-0003')!;
    const events = await streamOf(`asbcase-${sycamore.localId}`);
    const policeJoined = events.find((e) => e.type === 'CasePartnerAdded' && (e.data as { agencyId: string }).agencyId === 'police')!;
    const at = before(policeJoined.metadata.occurredAt);
    const police = await server.token({ userId: 'james.whitaker', agencyId: 'police', roles: ['partner'] });
    const CASE = `query($id: ID!, $at: DateTime!) {
      asbCaseAsOf(id: $id, at: $at) { reference revision agencies personalDataWithheld victims { personId personalDataWithheld details { name } risk { level } } subjects { personId details { name } } incidents { incidentId } history { totalCount } }
    }`;
    const data = await query(CASE, police, { id: sycamore.id, at });
    const then = data.asbCaseAsOf;
    expect(then.revision).toBe(Number(policeJoined.revision) - 1);
    expect(then.agencies).toEqual(['council']);
    expect(then.history.totalCount).toBe(Number(policeJoined.revision));
    // On the case now, so the police read its people in the past too.
    expect(then.personalDataWithheld).toBe(false);
    expect(then.victims).toHaveLength(1);
    expect(then.victims[0].details.name).toEqual(expect.any(String));
    expect(then.victims[0].risk.level).toBeNull();
    // An agency not on the case, now or then, sees nothing at all.
    const fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'] });
    expect((await query(CASE, fire, { id: sycamore.id, at })).asbCaseAsOf).toBeNull();
    // A coordinator of another agency sees the case as it stood, without its people.
    const youthLead = await server.token({ userId: 'lead.youth', agencyId: 'youth', roles: ['coordinator'] });
    const seen = (await query(CASE, youthLead, { id: sycamore.id, at })).asbCaseAsOf;
    expect(seen.personalDataWithheld).toBe(true);
    expect(seen.victims[0].details).toBeNull();
    expect(seen.victims[0].personalDataWithheld).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(then.victims[0].details.name);
  });

  it('judges a victim’s risk review and an intervention’s force on the as-of day', async () => {
    // A case recorded on 1 June through command handling whose clock reads that morning: a victim assessed medium risk (a review due in 28 days, never done),
    // and a warning letter in force to the end of July. Today (23 November) the review is overdue and the letter spent; on 1 June neither.
    const caseId = 'ca5e0000-0000-4000-8000-0000000a50f0';
    const victim = '0b7c1d2e-3f40-4a51-8b62-7c83d94ea501';
    const subject = '2d9e3f40-5162-4c73-8d84-9ea5fb60c701';
    const june = new Date('2026-06-01T09:00:00.000Z');
    const then = new CommandHandler(server.casebook.store, () => june);
    const options = { actor: { userId: 'megan.lloyd', agencyId: 'council', roles: ['partner' as const], displayName: 'Megan Lloyd' }, correlationId: 'test' };
    await openAsbCase(then, caseId, { title: 'Shouting in Westgate End', summary: 'Shouting and threats at night.', owningAgencyId: 'council', location: { description: 'Westgate End' }, openedOn: '2026-06-01' }, june, options);
    const on = (command: Record<string, unknown>) => then.handle(asbCaseStream, asbCaseStreamName(caseId), asbCaseCommandSchema.parse(command), options);
    await on({ type: 'RecordVictim', personId: victim, details: { name: 'Rose Pickles' }, recordedOn: '2026-06-01' });
    const questions = currentRiskQuestionnaire.questions.map((q) => q.id);
    const yes = ['repeat-targeting', 'persistent', 'threats-or-violence', 'fear-of-reprisal'];
    await on({ type: 'AssessVictimRisk', personId: victim, answers: Object.fromEntries(questions.map((q) => [q, yes.includes(q)])), assessedOn: '2026-06-01' });
    await on({ type: 'RecordSubject', personId: subject, details: { name: 'Dale Shaw', dateOfBirth: '1990-02-03' }, recordedOn: '2026-06-01' });
    const last = await on({ type: 'RecordIntervention', interventionId: 'wl-1', kind: 'warning-letter', subjectPersonId: subject, issuingAgencyId: 'council', issuingAgencyKind: 'council', issuedOn: '2026-06-01', expiresOn: '2026-07-31', terms: 'No shouting.' });
    await server.casebook.projections.waitFor(last.position!);

    const CASE = `query($id: ID!, $at: DateTime!) {
      asbCaseAsOf(id: $id, at: $at) { victims { risk { level nextReviewDue reviewOverdue reviewsDue { dueOn overdue } } } interventions { lastDayInForce inForce } }
      asbCase(id: $id) { victims { risk { level nextReviewDue reviewOverdue reviewsDue { dueOn overdue } } } interventions { lastDayInForce inForce } }
    }`;
    const data = await query(CASE, auditor, { id: globalId('AsbCase', caseId), at: '2026-06-01T18:00:00Z' });
    expect(data.asbCase).toEqual({
      victims: [{ risk: { level: 'medium', nextReviewDue: '2026-06-29', reviewOverdue: true, reviewsDue: [{ dueOn: '2026-06-29', overdue: true }] } }],
      interventions: [{ lastDayInForce: '2026-07-31', inForce: false }],
    });
    expect(data.asbCaseAsOf).toEqual({
      victims: [{ risk: { level: 'medium', nextReviewDue: '2026-06-29', reviewOverdue: false, reviewsDue: [{ dueOn: '2026-06-29', overdue: false }] } }],
      interventions: [{ lastDayInForce: '2026-07-31', inForce: true }],
    });
    // On 1 July the review is overdue and the letter still in force.
    const july = await query(CASE, auditor, { id: globalId('AsbCase', caseId), at: '2026-07-01T09:00:00Z' });
    expect(july.asbCaseAsOf.victims[0].risk.reviewOverdue).toBe(true);
    expect(july.asbCaseAsOf.interventions[0].inForce).toBe(true);
  });
});
