/**
 * Reading ASB cases through HTTP, as partners' systems would: who sees a
 * case at all, who sees the people on it, the risk register, alerts, the
 * case review threshold explained complaint by complaint, and the figures.
 *
 * The cases are written with commands straight to Casebook (not through the
 * case mutations), on an empty store, so that every number here is the
 * test's own:
 *
 * - ASB-2026-0001, owned by the council with the police as a partner:
 *   Doreen (high risk) and Ellen (standard) are victims, Imran a witness,
 *   Kyle and Jay subjects; it is linked to a plan the police opened, and
 *   youth services have an action on it (given after Doreen's alert).
 * - ASB-2026-0002, owned by housing: Fred (medium, flagged vulnerable) is a
 *   victim, Lee and Mo subjects.
 * - ASB-2026-0003, owned by housing: Doreen again, unassessed, with one
 *   complaint of her own.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignAction } from '../../src/app/action-stream.js';
import { asbCaseStream, asbCaseStreamName, openAsbCase } from '../../src/app/asb-case-stream.js';
import { openPlan } from '../../src/app/plan-opening.js';
import { asbCaseCommandSchema } from '../../src/domain/asb-case/commands.js';
import { currentRiskQuestionnaire } from '../../src/domain/asb-case/risk-assessment.js';
import { complaintsOfCase } from '../../src/domain/asb-case/state.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import { asbCasesProjection } from '../../src/projections/asb-cases.js';
import { startTestServer, type TestServer, testNow } from '../support/server.js';

let server: TestServer;

const megan: Actor = { userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], displayName: 'Megan Lloyd' };
const james: Actor = { userId: 'james.whitaker', agencyId: 'police', roles: ['partner'], displayName: 'PCSO James Whitaker' };
const priya: Actor = { userId: 'priya.shah', agencyId: 'housing', roles: ['partner'], displayName: 'Priya Shah' };
const sarah: Actor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], displayName: 'PS Sarah Khan' };

const tokens: Record<'council' | 'police' | 'housing' | 'youth' | 'fire' | 'analyst' | 'auditor', string> = {} as never;

const caseA = 'ca5e0000-0000-4000-8000-00000000000a';
const caseB = 'ca5e0000-0000-4000-8000-00000000000b';
const caseC = 'ca5e0000-0000-4000-8000-00000000000c';
const planId = 'b1a40000-0000-4000-8000-000000000001';
const youthAction = 'acc00000-0000-4000-8000-0000000000a1';
const neighbourhoodId = '5b0e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';

const person = {
  doreen: '0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6',
  ellen: '0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f7',
  imran: '1c8d2e3f-4051-4b62-9c73-8d94ea5fb607',
  kyle: '2d9e3f40-5162-4c73-8d84-9ea5fb60c718',
  jay: '2d9e3f40-5162-4c73-8d84-9ea5fb60c719',
  fred: '3eaf4051-6273-4d84-9e95-afb60c71d829',
  lee: '4fb05162-7384-4e95-8fa6-b0c71d82e93a',
  mo: '4fb05162-7384-4e95-8fa6-b0c71d82e93b',
};
const doreensHousehold = 'uprn-100050512345';

const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

/** Answers to every question of the current questionnaire: yes to those named. */
function answers(...yes: string[]): Record<string, boolean> {
  return Object.fromEntries(currentRiskQuestionnaire.questions.map((q) => [q.id, yes.includes(q.id)]));
}
const everyQuestion = currentRiskQuestionnaire.questions.map((q) => q.id);

async function on(caseId: string, actor: Actor, command: Record<string, unknown>) {
  // Parsed as the API would, so the schema's defaults are in the command.
  return server.casebook.commands.handle(asbCaseStream, asbCaseStreamName(caseId), asbCaseCommandSchema.parse(command), { actor, correlationId: 'test' });
}

function incident(incidentId: string, occurredOn: string, reporter: Record<string, unknown>, receivedBy: string, reportedOn: string, subjectPersonIds: string[] = []) {
  return {
    type: 'ReportIncident',
    incidentId,
    occurredOn,
    where: { description: 'Airedale Road, Castleford', locationKey: 'airedale-road' },
    category: 'personal',
    kind: 'intimidation-or-harassment',
    description: `Incident ${incidentId}.`,
    subjectPersonIds,
    report: { reporter, receivedBy, reportedOn },
  };
}

const byPerson = (personId: string) => ({ kind: 'person', personId });
const byStaff = (agencyId: string) => ({ kind: 'agency-staff', agencyId });

function intervention(interventionId: string, kind: string, subjectPersonId: string, issuingAgencyId: string, issuedOn: string) {
  return { type: 'RecordIntervention', interventionId, kind, subjectPersonId, issuingAgencyId, issuingAgencyKind: issuingAgencyId === 'housing' ? 'housing-provider' : issuingAgencyId, issuedOn, terms: `Terms of ${interventionId}.` };
}

async function settle(): Promise<void> {
  await server.casebook.projections.waitFor((await server.casebook.store.headPosition())!);
}

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function query(text: string, token: string, variables?: Record<string, unknown>): Promise<Data> {
  const response = await server.graphql(text, { token, ...(variables ? { variables } : {}) });
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.data!;
}

beforeAll(async () => {
  server = await startTestServer({ demo: false });
  tokens.council = await server.token({ userId: megan.userId, agencyId: 'council', roles: ['partner'], name: 'Megan Lloyd' });
  tokens.police = await server.token({ userId: james.userId, agencyId: 'police', roles: ['partner'], name: 'PCSO James Whitaker' });
  tokens.housing = await server.token({ userId: priya.userId, agencyId: 'housing', roles: ['partner'], name: 'Priya Shah' });
  tokens.youth = await server.token({ userId: 'grace.mensah', agencyId: 'youth', roles: ['partner'], name: 'Grace Mensah' });
  tokens.fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'], name: 'Tom Reilly' });
  tokens.analyst = await server.token({ userId: 'aisha.begum', agencyId: 'csp', roles: ['coordinator'], name: 'Aisha Begum (CSP analyst)' });
  tokens.auditor = await server.token({ userId: 'ian.hart', agencyId: 'opcc', roles: ['auditor'], name: 'Ian Hart' });
  const now = testNow;
  const options = (actor: Actor) => ({ actor, correlationId: 'test' });

  await openPlan(
    server.casebook.commands,
    planId,
    { title: 'Intimidation around the Airedale Road shops', neighbourhoodId, raisedBy: [{ partyId: 'police', name: 'Neighbourhood team', kind: 'agency', agencyId: 'police' }], openedOn: '2026-10-01' },
    now,
    options(sarah),
  );

  // ASB-2026-0001.
  await openAsbCase(
    server.casebook.commands,
    caseA,
    { title: 'Intimidation of residents on Airedale Road', summary: 'A group of boys intimidating older residents.', owningAgencyId: 'council', location: { description: 'Airedale Road, Castleford', locationKey: 'airedale-road' }, neighbourhoodId, openedOn: '2026-05-20' },
    now,
    options(megan),
  );
  await on(caseA, megan, { type: 'AddCasePartner', agencyId: 'police', reason: 'The neighbourhood team patrols Airedale Road.' });
  await on(caseA, megan, {
    type: 'RecordVictim',
    personId: person.doreen,
    details: { name: 'Doreen Walsh', dateOfBirth: '1948-03-02', address: '14 Airedale Road, Castleford WF10 3AB', phone: '01977 555 014' },
    householdKey: doreensHousehold,
    recordedOn: '2026-05-20',
  });
  await on(caseA, megan, { type: 'RecordVictim', personId: person.ellen, details: { name: 'Ellen Walsh' }, recordedOn: '2026-05-20' });
  await on(caseA, megan, { type: 'RecordWitness', personId: person.imran, details: { name: 'Imran Siddiqui', email: 'imran.siddiqui@example.org' }, recordedOn: '2026-05-20' });
  await on(caseA, megan, { type: 'RecordSubject', personId: person.kyle, details: { name: 'Kyle Barker', dateOfBirth: '2010-05-20' }, recordedOn: '2026-05-21' });
  await on(caseA, megan, { type: 'RecordSubject', personId: person.jay, details: { name: 'Jay Barker' }, estimatedAgeBand: '10-15', recordedOn: '2026-05-21' });
  // The complaints the case review threshold turns on: the first made on 20 May, so six months from it end on 19 November.
  await on(caseA, megan, incident('inc-1', '2026-05-18', byPerson(person.doreen), 'council', '2026-05-20'));
  await on(caseA, megan, incident('inc-2', '2026-08-01', byPerson(person.doreen), 'police', '2026-08-01'));
  await on(caseA, megan, incident('inc-2', '2026-08-01', byPerson(person.doreen), 'council', '2026-08-02'));
  await on(caseA, megan, incident('inc-3', '2026-11-10', byStaff('police'), 'police', '2026-11-10'));
  // Kyle: a verbal warning, an incident after it, then a warning letter and nothing since. Jay: one verbal warning, nothing since.
  await on(caseA, megan, intervention('vw-kyle', 'verbal-warning', person.kyle, 'council', '2026-06-01'));
  await on(caseA, megan, incident('inc-4', '2026-06-10', byStaff('police'), 'police', '2026-06-10', [person.kyle]));
  await on(caseA, megan, intervention('wl-kyle', 'warning-letter', person.kyle, 'council', '2026-06-15'));
  await on(caseA, megan, intervention('vw-jay', 'verbal-warning', person.jay, 'council', '2026-07-01'));
  await on(caseA, megan, { type: 'AssessVictimRisk', personId: person.doreen, answers: answers(...everyQuestion), assessedOn: '2026-11-02' });
  await on(caseA, megan, { type: 'AssessVictimRisk', personId: person.ellen, answers: answers('stressed-neighbourhood'), assessedOn: '2026-11-02' });
  await on(caseA, megan, { type: 'LinkCaseToPlan', planId, linkedOn: '2026-11-03', reason: 'Part of the trouble at the shops.' });
  // Youth services join the case after Doreen's alert: they see the case, not the alert.
  const assigned = await assignAction(
    server.casebook.commands,
    youthAction,
    { parent: { kind: 'asbcase', id: caseA }, ownerAgencyId: 'council', assignee: { agencyId: 'youth' }, description: 'Detached youth work on Airedale Road', dueOn: '2026-12-18' },
    now,
    options(megan),
  );
  await server.casebook.reactions.waitFor(assigned.position!);

  // ASB-2026-0002.
  await openAsbCase(
    server.casebook.commands,
    caseB,
    { title: 'Nuisance in the Ferry Lane flats', summary: 'Noise and damage in a block of flats.', owningAgencyId: 'housing', location: { description: 'Ferry Lane flats, Castleford' }, openedOn: '2026-05-01' },
    now,
    options(priya),
  );
  await on(caseB, priya, { type: 'RecordVictim', personId: person.fred, details: { name: 'Fred Ash', address: '2 Ferry Lane' }, householdKey: 'uprn-200', recordedOn: '2026-05-01' });
  await on(caseB, priya, { type: 'FlagPerson', personId: person.fred, flag: 'vulnerable', reason: 'Lives alone; recently bereaved.', flaggedOn: '2026-05-02' });
  await on(caseB, priya, { type: 'AssessVictimRisk', personId: person.fred, answers: answers('repeat-targeting', 'persistent', 'threats-or-violence', 'fear-of-reprisal'), assessedOn: '2026-11-01' });
  await on(caseB, priya, { type: 'RecordSubject', personId: person.lee, details: { name: 'Lee Dunn' }, recordedOn: '2026-05-01' });
  await on(caseB, priya, { type: 'RecordSubject', personId: person.mo, details: { name: 'Mo Hart' }, recordedOn: '2026-05-01' });
  // Mo: a warning letter, an incident, a contract, another incident, a warning, and nothing since. Lee: a warning too recent to judge.
  await on(caseB, priya, intervention('wl-mo', 'warning-letter', person.mo, 'housing', '2026-05-01'));
  await on(caseB, priya, { ...incident('inc-1', '2026-05-10', byStaff('housing'), 'housing', '2026-05-10', [person.mo]), where: { description: 'Ferry Lane flats' } });
  await on(caseB, priya, intervention('abc-mo', 'acceptable-behaviour-contract', person.mo, 'housing', '2026-06-01'));
  await on(caseB, priya, { ...incident('inc-2', '2026-06-20', byStaff('housing'), 'housing', '2026-06-20', [person.mo]), where: { description: 'Ferry Lane flats' } });
  await on(caseB, priya, intervention('cpw-mo', 'community-protection-warning', person.mo, 'housing', '2026-07-01'));
  await on(caseB, priya, intervention('vw-lee', 'verbal-warning', person.lee, 'housing', '2026-10-01'));

  // ASB-2026-0003: Doreen again, on a case the council is not on.
  await openAsbCase(
    server.casebook.commands,
    caseC,
    { title: 'Damage to a tenant’s door on Airedale Road', summary: 'A tenant’s door kicked in.', owningAgencyId: 'housing', location: { description: 'Airedale Road, Castleford' }, openedOn: '2026-09-15' },
    now,
    options(priya),
  );
  await on(caseC, priya, { type: 'RecordVictim', personId: person.doreen, details: { name: 'Doreen Walsh' }, householdKey: doreensHousehold, recordedOn: '2026-09-15' });
  await on(caseC, priya, incident('inc-1', '2026-09-14', byPerson(person.doreen), 'housing', '2026-09-15'));

  await settle();

  // Doreen applies for a case review on the last day of the six months, with every complaint about her, and the threshold is decided met.
  const cases = server.casebook.projections.model(asbCasesProjection).cases;
  const complaints = [caseA, caseC].flatMap((id) => complaintsOfCase(cases.get(id)!.asbCase));
  await on(caseA, megan, { type: 'RequestCaseReview', applicationId: 'cr-1', appliedOn: '2026-11-19', applicantPersonId: person.doreen, madeBy: 'victim', complaints });
  await on(caseA, megan, { type: 'RecordCaseReviewDecision', applicationId: 'cr-1', decidedOn: '2026-11-20', thresholdMet: true, basis: 'qualifying-complaints', reason: 'Three qualifying complaints.' });
  await settle();
});

afterAll(async () => {
  await server?.close();
});

describe('a partner of an agency not on the case', () => {
  it('gets from asbCase and node exactly what it gets for a case that does not exist', async () => {
    for (const text of ['query($id: ID!) { asbCase(id: $id) { id title } }', 'query($id: ID!) { node(id: $id) { id ... on AsbCase { title } } }']) {
      const real = await server.graphql(text, { token: tokens.fire, variables: { id: globalId('AsbCase', caseA) } });
      const invented = await server.graphql(text, { token: tokens.fire, variables: { id: globalId('AsbCase', randomUUID()) } });
      expect(real.status).toBe(invented.status);
      expect(real.body).toEqual(invented.body);
      expect(real.body).toEqual({ data: { [text.includes('node') ? 'node' : 'asbCase']: null } });
    }
    // The council, which owns it, does get it: the answer above is not for want of a case.
    const owner = await query('query($id: ID!) { asbCase(id: $id) { title } node(id: $id) { ... on AsbCase { title } } }', tokens.council, { id: globalId('AsbCase', caseA) });
    expect(owner).toEqual({ asbCase: { title: 'Intimidation of residents on Airedale Road' }, node: { title: 'Intimidation of residents on Airedale Road' } });
  });

  it('finds nothing in the lists, the register, the alerts or the figures', async () => {
    const data = await query(
      `{
        asbCases(first: 100) { totalCount edges { node { id } } }
        riskRegister(filter: { includeClosed: true }) { personId }
        myAlerts { alertId }
        repeatVictims { cases { id } }
        enforcementCounts { count }
        caseReviewStatistics(period: { from: "2026-01-01", to: "2026-12-31" }) { applications }
        interventionEffectiveness { subjects }
      }`,
      tokens.fire,
    );
    expect(data).toEqual({
      asbCases: { totalCount: 0, edges: [] },
      riskRegister: [],
      myAlerts: [],
      repeatVictims: [],
      enforcementCounts: [],
      caseReviewStatistics: { applications: 0 },
      interventionEffectiveness: { subjects: 0 },
    });
  });

  it('gets no eligibility for a case out of sight, as for one that does not exist', async () => {
    const text = 'query($id: ID!) { caseReviewEligibility(personOrCase: { caseId: $id }) { met } }';
    const real = await server.graphql(text, { token: tokens.fire, variables: { id: globalId('AsbCase', caseA) } });
    const invented = await server.graphql(text, { token: tokens.fire, variables: { id: globalId('AsbCase', randomUUID()) } });
    expect(real.body).toEqual(invented.body);
    expect(real.body).toEqual({ data: { caseReviewEligibility: null } });
  });
});

const peopleQuery = `query($id: ID!) {
  asbCase(id: $id) {
    reference personalDataWithheld agencies
    victims { personId householdKey personalDataWithheld details { name dateOfBirth address phone } risk { level } }
    witnesses { personId details { name email } personalDataWithheld }
    subjects { personId ageBand ageBandEstimated child details { name dateOfBirth } personalDataWithheld }
  }
}`;

describe('who sees the people on a case', () => {
  it('a coordinator of another agency sees the case and its people by id, not who they are', async () => {
    const { asbCase } = await query(peopleQuery, tokens.analyst, { id: globalId('AsbCase', caseA) });
    expect(asbCase.reference).toBe('ASB-2026-0001');
    expect(asbCase.personalDataWithheld).toBe(true);
    expect(asbCase.victims).toEqual([
      { personId: person.doreen, householdKey: null, personalDataWithheld: true, details: null, risk: { level: 'high' } },
      { personId: person.ellen, householdKey: null, personalDataWithheld: true, details: null, risk: { level: 'standard' } },
    ]);
    expect(asbCase.witnesses).toEqual([{ personId: person.imran, details: null, personalDataWithheld: true }]);
    expect(asbCase.subjects).toEqual([
      { personId: person.kyle, ageBand: 'aged_16_17', ageBandEstimated: false, child: true, details: null, personalDataWithheld: true },
      { personId: person.jay, ageBand: 'aged_10_15', ageBandEstimated: true, child: true, details: null, personalDataWithheld: true },
    ]);
  });

  it.each([
    ['the owning agency', 'council'],
    ['a partner agency', 'police'],
    ['an agency with an action on the case', 'youth'],
    ['an auditor', 'auditor'],
  ] as const)('%s sees who they are', async (_who, token) => {
    const { asbCase } = await query(peopleQuery, tokens[token], { id: globalId('AsbCase', caseA) });
    expect(asbCase.personalDataWithheld).toBe(false);
    expect(asbCase.victims[0]).toEqual({
      personId: person.doreen,
      householdKey: doreensHousehold,
      personalDataWithheld: false,
      details: { name: 'Doreen Walsh', dateOfBirth: '1948-03-02', address: '14 Airedale Road, Castleford WF10 3AB', phone: '01977 555 014' },
      risk: { level: 'high' },
    });
    expect(asbCase.witnesses[0].details).toEqual({ name: 'Imran Siddiqui', email: 'imran.siddiqui@example.org' });
    expect(asbCase.subjects[0].details).toEqual({ name: 'Kyle Barker', dateOfBirth: '2010-05-20' });
  });

  it('lists the agencies on the case: the owner, its partner, and the agency given an action', async () => {
    const { asbCase } = await query(peopleQuery, tokens.council, { id: globalId('AsbCase', caseA) });
    expect(asbCase.agencies).toEqual(['council', 'police', 'youth']);
  });
});

describe('the case as a whole', () => {
  it('serves incidents, risk history with reviews due, interventions, the linked plan in sight and the partner actions', async () => {
    const text = `query($id: ID!) {
      asbCase(id: $id) {
        status owningAgencyId location { description locationKey } neighbourhoodId openedOn
        partners { agencyId reason }
        incidents { incidentId kind category hateMotivated reports { reporterKind reporterPersonId reporterAgencyId receivedBy reportedOn } }
        victims { personId risk { level score nextReviewDue reviewOverdue reviewsDue { reviewer dueOn overdue } assessments { questionnaireVersion score scoredLevel level assessedOn assessor answers { questionId answer weight factor } } } }
        interventions { interventionId kind subjectPersonId issuingAgencyId issuingAgencyKind issuedOn inForce breaches { breachId } }
        plan { id title } planLinkedOn
        actions { agencyId description asbCase { reference } }
        alerts { alertId personId role reason on agencies acknowledgements { agencyId } forMyAgency acknowledgedByMyAgency }
        closure { closedOn }
      }
    }`;
    const police = (await query(text, tokens.police, { id: globalId('AsbCase', caseA) })).asbCase;
    expect(police).toMatchObject({
      status: 'open',
      owningAgencyId: 'council',
      location: { description: 'Airedale Road, Castleford', locationKey: 'airedale-road' },
      neighbourhoodId,
      openedOn: '2026-05-20',
      partners: [{ agencyId: 'police', reason: 'The neighbourhood team patrols Airedale Road.' }],
      plan: { id: globalId('Plan', planId), title: 'Intimidation around the Airedale Road shops' },
      planLinkedOn: '2026-11-03',
      actions: [{ agencyId: 'youth', description: 'Detached youth work on Airedale Road', asbCase: { reference: 'ASB-2026-0001' } }],
      closure: null,
    });
    expect(police.incidents.map((i: Data) => i.incidentId)).toEqual(['inc-1', 'inc-2', 'inc-3', 'inc-4']);
    expect(police.incidents[1]).toEqual({
      incidentId: 'inc-2',
      kind: 'intimidation_or_harassment',
      category: 'personal',
      hateMotivated: false,
      reports: [
        { reporterKind: 'person', reporterPersonId: person.doreen, reporterAgencyId: null, receivedBy: 'police', reportedOn: '2026-08-01' },
        { reporterKind: 'person', reporterPersonId: person.doreen, reporterAgencyId: null, receivedBy: 'council', reportedOn: '2026-08-02' },
      ],
    });
    expect(police.incidents[2].reports[0]).toMatchObject({ reporterKind: 'agency_staff', reporterAgencyId: 'police' });
    // High risk on 2 November: a supervisor's review every 14 days, due 16 November, overdue on 23 November.
    const doreen = police.victims[0].risk;
    expect(doreen).toMatchObject({ level: 'high', score: 38, nextReviewDue: '2026-11-16', reviewOverdue: true, reviewsDue: [{ reviewer: 'supervisor', dueOn: '2026-11-16', overdue: true }] });
    expect(doreen.assessments).toHaveLength(1);
    expect(doreen.assessments[0]).toMatchObject({ questionnaireVersion: 'asb-risk-1', score: 38, scoredLevel: 'high', level: 'high', assessedOn: '2026-11-02', assessor: 'Megan Lloyd' });
    expect(doreen.assessments[0].answers[0]).toEqual({ questionId: 'repeat-targeting', answer: true, weight: 3, factor: 'harm' });
    expect(police.victims[1].risk).toMatchObject({ level: 'standard', nextReviewDue: null, reviewOverdue: false, reviewsDue: [] });
    expect(police.interventions.map((i: Data) => [i.interventionId, i.kind, i.issuingAgencyKind])).toEqual([
      ['vw-kyle', 'verbal_warning', 'council'],
      ['wl-kyle', 'warning_letter', 'council'],
      ['vw-jay', 'verbal_warning', 'council'],
    ]);
    expect(police.alerts).toEqual([
      {
        alertId: 'alert-1',
        personId: person.doreen,
        role: 'victim',
        reason: 'assessed_high',
        on: '2026-11-02',
        agencies: ['council', 'police'],
        acknowledgements: [],
        forMyAgency: true,
        acknowledgedByMyAgency: false,
      },
    ]);
    // The council is not on the plan the police opened: the link is there, the plan is not, for it.
    const council = (await query(text, tokens.council, { id: globalId('AsbCase', caseA) })).asbCase;
    expect(council.plan).toBeNull();
    expect(council.planLinkedOn).toBeNull();
    // Youth services, on the case through their action, see every alert of it, though none went to them.
    const youth = (await query(text, tokens.youth, { id: globalId('AsbCase', caseA) })).asbCase;
    expect(youth.alerts).toMatchObject([{ alertId: 'alert-1', agencies: ['council', 'police'], forMyAgency: false }]);
  });

  it('finds cases by filter, and pages them with a total', async () => {
    const data = await query(
      `query($plan: ID!) {
        all: asbCases(first: 1) { totalCount edges { node { reference } } pageInfo { hasNextPage } }
        housing: asbCases(filter: { owningAgency: "housing" }) { totalCount }
        high: asbCases(filter: { riskLevel: high }) { edges { node { reference } } }
        linked: asbCases(filter: { planId: $plan }) { edges { node { reference } } }
        words: asbCases(filter: { text: "ferry flats" }) { edges { node { reference } } }
        closed: asbCases(filter: { status: closed }) { totalCount }
      }`,
      tokens.analyst,
      { plan: globalId('Plan', planId) },
    );
    expect(data.all.totalCount).toBe(3);
    expect(data.all.edges).toHaveLength(1);
    expect(data.all.pageInfo.hasNextPage).toBe(true);
    expect(data.housing.totalCount).toBe(2);
    expect(data.high.edges).toEqual([{ node: { reference: 'ASB-2026-0001' } }]);
    expect(data.linked.edges).toEqual([{ node: { reference: 'ASB-2026-0001' } }]);
    expect(data.words.edges).toEqual([{ node: { reference: 'ASB-2026-0002' } }]);
    expect(data.closed.totalCount).toBe(0);
    // A plan the caller may not see links nothing it can find.
    const council = await query('query($plan: ID!) { asbCases(filter: { planId: $plan }) { totalCount } }', tokens.council, { plan: globalId('Plan', planId) });
    expect(council.asbCases.totalCount).toBe(0);
    const tooMany = await server.graphql('{ asbCases(first: 101) { totalCount } }', { token: tokens.analyst });
    expect(tooMany.body.errors?.[0]?.message).toBe('first: at most 100 a page');
  });

  it('answers the case an action belongs to, for those who see it', async () => {
    const text = 'query($id: ID!) { action(id: $id) { description asbCase { reference } plan { id } } }';
    const youth = await query(text, tokens.youth, { id: globalId('Action', youthAction) });
    expect(youth.action).toEqual({ description: 'Detached youth work on Airedale Road', asbCase: { reference: 'ASB-2026-0001' }, plan: null });
    const fire = await query(text, tokens.fire, { id: globalId('Action', youthAction) });
    expect(fire.action).toBeNull();
  });
});

describe('the risk register', () => {
  const text = `{ riskRegister { asbCase { reference } personId level score nextReviewDue reviewOverdue flags details { name } personalDataWithheld } }`;

  it('lists high risk first, then medium, standard and not yet assessed, for a coordinator of the partnership', async () => {
    const { riskRegister } = await query(text, tokens.analyst);
    expect(riskRegister.map((e: Data) => [e.asbCase.reference, e.personId, e.level])).toEqual([
      ['ASB-2026-0001', person.doreen, 'high'],
      ['ASB-2026-0002', person.fred, 'medium'],
      ['ASB-2026-0001', person.ellen, 'standard'],
      ['ASB-2026-0003', person.doreen, null],
    ]);
    expect(riskRegister[1]).toMatchObject({ score: 12, nextReviewDue: '2026-11-29', reviewOverdue: false, flags: ['vulnerable'] });
    expect(riskRegister.every((e: Data) => e.details === null && e.personalDataWithheld)).toBe(true);
  });

  it('shows an agency only the victims of its own cases, with their details', async () => {
    const { riskRegister } = await query(text, tokens.housing);
    expect(riskRegister.map((e: Data) => [e.asbCase.reference, e.level, e.details?.name, e.personalDataWithheld])).toEqual([
      ['ASB-2026-0002', 'medium', 'Fred Ash', false],
      ['ASB-2026-0003', null, 'Doreen Walsh', false],
    ]);
    const high = await query('{ riskRegister(filter: { level: high }) { personId } }', tokens.housing);
    expect(high.riskRegister).toEqual([]);
  });
});

describe('alerts', () => {
  const text = '{ myAlerts { alertId asbCase { reference } personId reason agencies } }';

  it('reach exactly the agencies on the case when the alert was raised, and no other', async () => {
    const doreens = { alertId: 'alert-1', asbCase: { reference: 'ASB-2026-0001' }, personId: person.doreen, reason: 'assessed_high', agencies: ['council', 'police'] };
    const freds = { alertId: 'alert-1', asbCase: { reference: 'ASB-2026-0002' }, personId: person.fred, reason: 'vulnerable', agencies: ['housing'] };
    expect((await query(text, tokens.council)).myAlerts).toEqual([doreens]);
    expect((await query(text, tokens.police)).myAlerts).toEqual([doreens]);
    expect((await query(text, tokens.housing)).myAlerts).toEqual([freds]);
    for (const outsider of ['youth', 'fire', 'analyst', 'auditor'] as const) expect((await query(text, tokens[outsider])).myAlerts, outsider).toEqual([]);
  });

  it('filters by whether the caller’s agency has acknowledged them', async () => {
    expect((await query('{ myAlerts(acknowledged: true) { alertId } }', tokens.council)).myAlerts).toEqual([]);
    expect((await query('{ myAlerts(acknowledged: false) { alertId } }', tokens.council)).myAlerts).toEqual([{ alertId: 'alert-1' }]);
  });
});

describe('case review eligibility', () => {
  const text = `query($id: ID!, $on: Date) {
    caseReviewEligibility(personOrCase: { caseId: $id, applicationOn: $on }) {
      asbCase { reference } victimPersonIds applicationOn met routesMet casesGathered { reference }
      threshold {
        complaintsOnCasesOutOfSight
        routes { route enabled met needed found complaintIds why }
        complaints { complaintId incidentId asbCase { reference } onCaseOutOfSight complainantPersonId householdKey receivedBy complainedOn standing qualifies sameAs why }
      }
    }
  }`;

  it('is met when the third qualifying complaint falls inside the six months, counting one from a case the caller may not see without naming it', async () => {
    const { caseReviewEligibility: e } = await query(text, tokens.council, { id: globalId('AsbCase', caseA), on: '2026-11-19' });
    expect(e).toMatchObject({ asbCase: { reference: 'ASB-2026-0001' }, victimPersonIds: [person.doreen, person.ellen], applicationOn: '2026-11-19', met: true, routesMet: ['qualifying_complaints'] });
    expect(e.casesGathered).toEqual([{ reference: 'ASB-2026-0001' }]);
    expect(e.threshold.complaintsOnCasesOutOfSight).toBe(1);
    expect(e.threshold.routes[0]).toMatchObject({ route: 'qualifying_complaints', enabled: true, met: true, needed: 3, found: 3, complaintIds: ['ASB-2026-0001/inc-1/1', 'ASB-2026-0001/inc-2/1'] });
    expect(e.threshold.complaints.map((c: Data) => [c.complaintId, c.standing, c.receivedBy, c.complainedOn])).toEqual([
      ['ASB-2026-0001/inc-1/1', 'counted', 'council', '2026-05-20'],
      ['ASB-2026-0001/inc-2/1', 'counted', 'police', '2026-08-01'],
      ['ASB-2026-0001/inc-2/2', 'same_incident', 'council', '2026-08-02'],
      [null, 'counted', 'housing', '2026-09-15'],
    ]);
    expect(e.threshold.complaints[0]).toMatchObject({ incidentId: 'ASB-2026-0001/inc-1', asbCase: { reference: 'ASB-2026-0001' }, onCaseOutOfSight: false, complainantPersonId: person.doreen, householdKey: doreensHousehold, qualifies: true });
    expect(e.threshold.complaints[2]).toMatchObject({ sameAs: 'ASB-2026-0001/inc-2/1', qualifies: true });
    expect(e.threshold.complaints[2].why).toContain('one incident reported to several agencies counts once');
    // The complaint on the housing case: counted, with nothing that names the case or who made it.
    expect(e.threshold.complaints[3]).toMatchObject({ complaintId: null, incidentId: null, asbCase: null, onCaseOutOfSight: true, complainantPersonId: null, householdKey: null, sameAs: null, qualifies: true });
    expect(JSON.stringify(e)).not.toContain('ASB-2026-0003');
  });

  it('is not met a day later, when the first complaint falls outside the six months; and says why', async () => {
    const { caseReviewEligibility: e } = await query(text, tokens.council, { id: globalId('AsbCase', caseA), on: '2026-11-20' });
    expect(e).toMatchObject({ met: false, routesMet: [] });
    expect(e.threshold.routes[0]).toMatchObject({ met: false, found: 2 });
    expect(e.threshold.complaints[0]).toMatchObject({ complaintId: 'ASB-2026-0001/inc-1/1', standing: 'application_over_six_months_later', qualifies: false });
    expect(e.threshold.complaints[0].why).toBe('the application on 2026-11-20 comes after the six months beginning with the complaint on 2026-05-20 (they ended on 2026-11-19)');
  });

  it('names every complaint to an auditor, who sees every case', async () => {
    const { caseReviewEligibility: e } = await query(text, tokens.auditor, { id: globalId('AsbCase', caseA), on: '2026-11-19' });
    expect(e.threshold.complaintsOnCasesOutOfSight).toBe(0);
    expect(e.casesGathered.map((c: Data) => c.reference).sort()).toEqual(['ASB-2026-0001', 'ASB-2026-0003']);
    expect(e.threshold.complaints[3]).toMatchObject({ complaintId: 'ASB-2026-0003/inc-1/1', asbCase: { reference: 'ASB-2026-0003' }, complainantPersonId: person.doreen, householdKey: doreensHousehold });
  });

  it('gathers by the victim asked about, and refuses one who is not a victim on the case', async () => {
    const ellen = await query('query($id: ID!, $p: String) { caseReviewEligibility(personOrCase: { caseId: $id, personId: $p, applicationOn: "2026-11-19" }) { victimPersonIds met } }', tokens.council, {
      id: globalId('AsbCase', caseA),
      p: person.ellen,
    });
    // Ellen's case is Doreen's too: the case's complaints count for each victim on it.
    expect(ellen.caseReviewEligibility).toEqual({ victimPersonIds: [person.ellen], met: false });
    const refused = await server.graphql('query($id: ID!, $p: String) { caseReviewEligibility(personOrCase: { caseId: $id, personId: $p }) { met } }', {
      token: tokens.council,
      variables: { id: globalId('AsbCase', caseA), p: person.kyle },
    });
    expect(refused.body.errors?.[0]).toMatchObject({ message: `Person ${person.kyle} is not a victim on ASB-2026-0001: a case review is about a victim.`, extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('a case review on the case', () => {
  const text = `query($id: ID!) {
    asbCase(id: $id) {
      caseReviews {
        applicationId appliedOn applicantPersonId madeBy representative toBeHeld hearing { heldOn } appeal { grounds }
        procedure { qualifyingComplaints hateIncident { enabled count } }
        thresholdShown { met routesMet countedComplaints countedComplaintIds }
        explanation { met complaintsOnCasesOutOfSight complaints { complaintId standing } }
        decision { decidedOn thresholdMet basis reason }
      }
    }
  }`;

  it('shows the threshold as recorded and explained again, the decision, and hides what names a case out of sight', async () => {
    const { asbCase } = await query(text, tokens.council, { id: globalId('AsbCase', caseA) });
    expect(asbCase.caseReviews).toEqual([
      {
        applicationId: 'cr-1',
        appliedOn: '2026-11-19',
        applicantPersonId: person.doreen,
        madeBy: 'victim',
        representative: null,
        toBeHeld: true,
        hearing: null,
        appeal: null,
        procedure: { qualifyingComplaints: 3, hateIncident: { enabled: false, count: 1 } },
        thresholdShown: { met: true, routesMet: ['qualifying_complaints'], countedComplaints: 3, countedComplaintIds: ['ASB-2026-0001/inc-1/1', 'ASB-2026-0001/inc-2/1'] },
        explanation: {
          met: true,
          complaintsOnCasesOutOfSight: 1,
          complaints: [
            { complaintId: 'ASB-2026-0001/inc-1/1', standing: 'counted' },
            { complaintId: 'ASB-2026-0001/inc-2/1', standing: 'counted' },
            { complaintId: 'ASB-2026-0001/inc-2/2', standing: 'same_incident' },
            { complaintId: null, standing: 'counted' },
          ],
        },
        decision: { decidedOn: '2026-11-20', thresholdMet: true, basis: 'qualifying_complaints', reason: 'Three qualifying complaints.' },
      },
    ]);
  });

  it('is counted in the statistics councils publish', async () => {
    const text = 'query($from: Date!, $to: Date!) { caseReviewStatistics(period: { from: $from, to: $to }) { from to applications thresholdMet thresholdNotMet reviewsHeld recommendations } }';
    const november = await query(text, tokens.auditor, { from: '2026-11-01', to: '2026-11-30' });
    expect(november.caseReviewStatistics).toEqual({ from: '2026-11-01', to: '2026-11-30', applications: 1, thresholdMet: 1, thresholdNotMet: 0, reviewsHeld: 0, recommendations: 0 });
    const dayOfApplication = await query(text, tokens.council, { from: '2026-11-19', to: '2026-11-19' });
    expect(dayOfApplication.caseReviewStatistics).toMatchObject({ applications: 1, thresholdMet: 0 });
    const backwards = await server.graphql(text, { token: tokens.council, variables: { from: '2026-11-30', to: '2026-11-01' } });
    expect(backwards.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('the figures', () => {
  it('counts enforcement by agency, kind and period', async () => {
    const { enforcementCounts } = await query('{ enforcementCounts(filter: { period: year, agencyId: "council" }) { agencyId kind period count } }', tokens.auditor);
    expect(enforcementCounts).toEqual([
      { agencyId: 'council', kind: 'verbal_warning', period: '2026', count: 2 },
      { agencyId: 'council', kind: 'warning_letter', period: '2026', count: 1 },
    ]);
    const byMonth = await query('{ enforcementCounts(filter: { from: "2026-06-01", to: "2026-06-30", kinds: [acceptable_behaviour_contract, warning_letter] }) { agencyId kind period count } }', tokens.auditor);
    expect(byMonth.enforcementCounts).toEqual([
      { agencyId: 'council', kind: 'warning_letter', period: '2026-06', count: 1 },
      { agencyId: 'housing', kind: 'acceptable_behaviour_contract', period: '2026-06', count: 1 },
    ]);
  });

  it('works out intervention effectiveness as the hand-computed example has it', async () => {
    // As of 23 November, 90 days’ follow-up:
    //   Jay:  one warning (1 Jul), nothing since                    -> stopped after 1
    //   Kyle: warning (1 Jun), incident (10 Jun), letter (15 Jun)    -> not after 1; stopped after 2
    //   Mo:   letter (1 May), incident, contract (1 Jun), incident,
    //         warning (1 Jul), nothing since                         -> not after 1, not after 2, stopped after 3
    //   Lee:  one warning (1 Oct), 53 days ago                       -> too recent to judge
    // Step 1: 4 reached, 1 too recent, 3 judged, 1 stopped; step 2: 2 judged, 1 stopped; step 3: 1 judged, 1 stopped.
    const { interventionEffectiveness: e } = await query(
      '{ interventionEffectiveness { asOf followUpDays subjects steps { step reached tooRecent judged stopped share stoppedByThen cumulativeShare } } }',
      tokens.auditor,
    );
    expect(e).toEqual({
      asOf: '2026-11-23',
      followUpDays: 90,
      subjects: 4,
      steps: [
        { step: 1, reached: 4, tooRecent: 1, judged: 3, stopped: 1, share: 1 / 3, stoppedByThen: 1, cumulativeShare: 1 / 3 },
        { step: 2, reached: 2, tooRecent: 0, judged: 2, stopped: 1, share: 0.5, stoppedByThen: 2, cumulativeShare: 2 / 3 },
        { step: 3, reached: 1, tooRecent: 0, judged: 1, stopped: 1, share: 1, stoppedByThen: 3, cumulativeShare: 1 },
      ],
    });
    // Over the council's case alone: Kyle and Jay.
    const council = await query('{ interventionEffectiveness(filter: { owningAgency: "council", steps: 2 }) { subjects steps { step judged stopped } } }', tokens.council);
    expect(council.interventionEffectiveness).toEqual({ subjects: 2, steps: [{ step: 1, judged: 2, stopped: 1 }, { step: 2, judged: 1, stopped: 1 }] });
  });

  it('finds repeat victims across cases, their details on a need-to-know basis', async () => {
    const text = '{ repeatVictims { by personId householdKey details { name } personalDataWithheld cases { reference } } }';
    const auditor = await query(text, tokens.auditor);
    expect(auditor.repeatVictims).toEqual([
      { by: 'person', personId: person.doreen, householdKey: null, details: { name: 'Doreen Walsh' }, personalDataWithheld: false, cases: [{ reference: 'ASB-2026-0001' }, { reference: 'ASB-2026-0003' }] },
      { by: 'household', personId: null, householdKey: doreensHousehold, details: null, personalDataWithheld: false, cases: [{ reference: 'ASB-2026-0001' }, { reference: 'ASB-2026-0003' }] },
    ]);
    const analyst = await query(text, tokens.analyst);
    expect(analyst.repeatVictims).toEqual([
      { by: 'person', personId: person.doreen, householdKey: null, details: null, personalDataWithheld: true, cases: [{ reference: 'ASB-2026-0001' }, { reference: 'ASB-2026-0003' }] },
      { by: 'household', personId: null, householdKey: null, details: null, personalDataWithheld: true, cases: [{ reference: 'ASB-2026-0001' }, { reference: 'ASB-2026-0003' }] },
    ]);
    // The council sees only its own case of the two: to it, Doreen is no repeat victim.
    expect((await query(text, tokens.council)).repeatVictims).toEqual([]);
  });
});
