/**
 * ASB cases over HTTP, as partners' own systems would work them: opening a
 * case, its victims and their shared risk assessment, incidents reported to
 * several agencies, the 2014 Act's preconditions on interventions, the
 * Community Trigger judged across cases, alerts each agency acknowledges
 * for itself, actions on a case, and the controls every mutation takes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentRiskQuestionnaire } from '../../src/domain/asb-case/risk-assessment.js';
import { demoNeighbourhoodId, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
/** A police constable: a partner, working the cases police owns. */
let police: string;
let policeSupervisor: string;
let coordinator: string;
let council: string;
let housing: string;
let fire: string;
let youth: string;

beforeAll(async () => {
  server = await startTestServer();
  police = await server.token({ userId: 'pc.jordan', agencyId: 'police', roles: ['partner'], name: 'PC Jordan Hale' });
  policeSupervisor = await server.token({ userId: 'rachel.okafor', agencyId: 'police', roles: ['supervisor'], name: 'Insp. Rachel Okafor' });
  coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
  council = await server.token({ userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], name: 'Megan Lloyd' });
  housing = await server.token({ userId: 'amira.hussain', agencyId: 'housing', roles: ['partner'], name: 'Amira Hussain' });
  fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'], name: 'Tom Reilly' });
  youth = await server.token({ userId: 'grace.mensah', agencyId: 'youth', roles: ['partner'], name: 'Grace Mensah' });
});
afterAll(async () => {
  await server.close();
});

interface Payload {
  readonly __typename: 'AsbCasePayload';
  readonly deduplicated: boolean;
  readonly personId: string | null;
  readonly asbCase: { readonly id: string; readonly reference: string; readonly revision: number } & Record<string, unknown>;
}
type Answer = { readonly __typename: string } & Record<string, unknown>;

const ERRORS = `
  ... on ValidationError { fieldErrors { path message } }
  ... on RuleViolation { code message }
  ... on ConflictError { expectedRevision actualRevision }
  ... on NotFound { message }
  ... on Forbidden { message }`;

/** Sends one case mutation; `selection` is what to read of the case in the answer. */
async function mutate(name: string, input: Record<string, unknown>, token: string, selection = ''): Promise<Answer> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input!`;
  const response = await server.graphql(
    `mutation($input: ${inputType}) { ${name}(input: $input) { __typename ${ERRORS} ... on AsbCasePayload { deduplicated personId asbCase { id reference revision ${selection} } } } }`,
    { token, variables: { input } },
  );
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  return response.body.data![name] as Answer;
}

/** The answer, which must be the payload. */
function done(answer: Answer): Payload {
  expect(answer.__typename, JSON.stringify(answer)).toBe('AsbCasePayload');
  return answer as unknown as Payload;
}

async function headPosition(): Promise<bigint | null> {
  return (await server.casebook.store.headPosition())?.commit ?? null;
}

async function openCase(token: string, owningAgencyId: string, title: string, openedOn = '2026-10-01', selection = '', more: Record<string, unknown> = {}): Promise<Payload['asbCase']> {
  const opened = await mutate(
    'openAsbCase',
    { owningAgencyId, title, summary: `${title}: reported by residents over several weeks.`, location: { description: title }, openedOn, ...more },
    token,
    selection,
  );
  return done(opened).asbCase;
}

async function recordVictim(token: string, asbCaseId: string, name: string, more: Record<string, unknown> = {}): Promise<string> {
  const recorded = done(await mutate('recordVictim', { asbCaseId, details: { name }, recordedOn: '2026-10-01', ...more }, token));
  return recorded.personId!;
}

/** The current questionnaire answered: yes to these questions, no to every other. */
function answers(yes: readonly string[]) {
  return currentRiskQuestionnaire.questions.map((q) => ({ questionId: q.id, yes: yes.includes(q.id) }));
}
/** 3 + 4 + 3 + 3 + 2 + 3 = 18: high risk on asb-risk-1. */
const HIGH = ['repeat-targeting', 'threats-or-violence', 'fear-of-reprisal', 'health-affected', 'daily-life-affected', 'disability-or-illness'];

const incident = (incidentId: string, occurredOn: string, report: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  incidentId,
  occurredOn,
  where: { description: 'Outside the front door' },
  category: 'personal',
  kind: 'intimidation_or_harassment',
  description: 'Shouting and threats through the letterbox late at night.',
  report,
  ...more,
});

describe('the issue’s walk-through: a case with a high-risk victim, worked by two agencies', () => {
  let caseId: string;
  let janet: string;

  it('a police officer opens a case; the answer shows it with its ASB- reference', async () => {
    const thornes = demoNeighbourhoodId('thornes');
    const opened = await openCase(police, 'police', 'Threats and damage at Calder Terrace', '2026-11-02', 'status owningAgencyId title openedOn neighbourhoodId agencies', { neighbourhoodId: thornes });
    caseId = opened.id;
    expect(opened).toMatchObject({ reference: expect.stringMatching(/^ASB-2026-\d{4}$/), revision: 0, status: 'open', owningAgencyId: 'police', openedOn: '2026-11-02', neighbourhoodId: thornes, agencies: ['police'] });
    // The owner adds the council: it sees the case and its people from now on.
    const added = done(await mutate('addCasePartner', { asbCaseId: caseId, agencyId: 'council', reason: 'Council tenancy; ASB team to lead on the CPW' }, police, 'agencies partners { agencyId reason }'));
    expect(added.asbCase).toMatchObject({ agencies: ['council', 'police'], partners: [{ agencyId: 'council', reason: 'Council tenancy; ASB team to lead on the CPW' }] });
  });

  it('records a victim, the server making her person id, and shows her details to the agencies on the case', async () => {
    const recorded = done(
      await mutate(
        'recordVictim',
        {
          asbCaseId: caseId,
          details: { name: 'Janet Walsh', dateOfBirth: '1958-03-14', phone: '01632 960123', contactNote: 'Weekday mornings; her daughter on 07700 900456 otherwise' },
          householdKey: 'uprn-100023336956',
          recordedOn: '2026-11-02',
        },
        police,
        'victims { personId householdKey details { name phone } risk { level } }',
      ),
    );
    janet = recorded.personId!;
    expect(janet).toMatch(/^[0-9a-f-]{36}$/);
    expect(recorded.asbCase.victims).toEqual([{ personId: janet, householdKey: 'uprn-100023336956', details: { name: 'Janet Walsh', phone: '01632 960123' }, risk: { level: null } }]);
  });

  it('assesses her from her answers to the questionnaire: the answer shows high risk, and the alert to every agency on the case', async () => {
    const assessed = done(
      await mutate(
        'assessVictimRisk',
        { asbCaseId: caseId, personId: janet, answers: answers(HIGH), assessedOn: '2026-11-03', singlePointOfContact: { name: 'PC Jordan Hale', agencyId: 'police' } },
        police,
        'victims { risk { level score current { questionnaireVersion scoredLevel level assessor } singlePointOfContact { name } nextReviewDue } } alerts { alertId personId reason agencies }',
      ),
    );
    expect(assessed.asbCase.victims).toEqual([
      {
        risk: {
          level: 'high',
          score: 18,
          current: { questionnaireVersion: 'asb-risk-1', scoredLevel: 'high', level: 'high', assessor: 'PC Jordan Hale' },
          singlePointOfContact: { name: 'PC Jordan Hale' },
          nextReviewDue: '2026-11-17',
        },
      },
    ]);
    expect(assessed.asbCase.alerts).toEqual([{ alertId: 'alert-1', personId: janet, reason: 'assessed_high', agencies: ['council', 'police'] }]);
  });

  it('a partner agency on the case adds an incident, and another agency adds its report of the same incident', async () => {
    const reported = done(
      await mutate(
        'reportIncident',
        { asbCaseId: caseId, ...incident('inc-1', '2026-11-04', { reporter: { kind: 'person', personId: janet }, receivedBy: 'council', reportedOn: '2026-11-04', agencyReference: 'ASB/4471' }, { time: '23:40', hateMotivation: ['disability'] }) },
        council,
        'incidents { incidentId occurredOn time kind hateMotivated reports { reporterKind reporterPersonId receivedBy agencyReference } }',
      ),
    );
    expect(reported.asbCase.incidents).toEqual([
      {
        incidentId: 'inc-1',
        occurredOn: '2026-11-04',
        time: '23:40',
        kind: 'intimidation_or_harassment',
        hateMotivated: true,
        reports: [{ reporterKind: 'person', reporterPersonId: janet, receivedBy: 'council', agencyReference: 'ASB/4471' }],
      },
    ]);
    const again = done(
      await mutate('addIncidentReport', { asbCaseId: caseId, incidentId: 'inc-1', report: { reporter: { kind: 'agency_staff', agencyId: 'police' }, receivedBy: 'police', reportedOn: '2026-11-05' } }, police, 'incidents { incidentId reports { reporterKind receivedBy } }'),
    );
    expect(again.asbCase.incidents).toEqual([{ incidentId: 'inc-1', reports: [{ reporterKind: 'person', receivedBy: 'council' }, { reporterKind: 'agency_staff', receivedBy: 'police' }] }]);
    expect(await mutate('addIncidentReport', { asbCaseId: caseId, incidentId: 'inc-9', report: { reporter: { kind: 'anonymous' }, receivedBy: 'police', reportedOn: '2026-11-05' } }, police)).toMatchObject({
      __typename: 'RuleViolation',
      code: 'INCIDENT_NOT_FOUND',
    });
  });

  it('finds nothing for an agency not on the case, word for word as for a case that does not exist', async () => {
    const input = { asbCaseId: caseId, ...incident('inc-2', '2026-11-06', { reporter: { kind: 'anonymous' }, receivedBy: 'fire', reportedOn: '2026-11-06' }) };
    const seen = await mutate('reportIncident', input, fire);
    const nothing = await mutate('reportIncident', { ...input, asbCaseId: Buffer.from(`AsbCase:${randomUUID()}`).toString('base64') }, fire);
    expect(seen).toEqual({ __typename: 'NotFound', message: 'The ASB case was not found' });
    expect(nothing).toEqual(seen);
  });

  it('lets each agency alerted acknowledge the alert for itself; one not alerted is refused', async () => {
    const acknowledged = done(await mutate('acknowledgeAlert', { asbCaseId: caseId, alertId: 'alert-1' }, council, 'alerts { alertId acknowledgedByMyAgency acknowledgements { agencyId by } }'));
    expect(acknowledged.asbCase.alerts).toEqual([{ alertId: 'alert-1', acknowledgedByMyAgency: true, acknowledgements: [{ agencyId: 'council', by: 'Megan Lloyd' }] }]);
    // Again: nothing more to record.
    const revision = acknowledged.asbCase.revision;
    expect(done(await mutate('acknowledgeAlert', { asbCaseId: caseId, alertId: 'alert-1' }, council)).asbCase.revision).toBe(revision);

    // Housing joins after the alert was raised: it reads the case, but the alert was not raised to it.
    done(await mutate('addCasePartner', { asbCaseId: caseId, agencyId: 'housing' }, police));
    const head = await headPosition();
    expect(await mutate('acknowledgeAlert', { asbCaseId: caseId, alertId: 'alert-1' }, housing)).toMatchObject({ __typename: 'RuleViolation', code: 'ALERT_NOT_FOR_AGENCY' });
    expect(await mutate('acknowledgeAlert', { asbCaseId: caseId, alertId: 'alert-7' }, police)).toMatchObject({ __typename: 'RuleViolation', code: 'ALERT_NOT_FOUND' });
    expect(await mutate('acknowledgeAlert', { asbCaseId: caseId, alertId: 'the first one' }, police)).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ path: 'alertId', message: 'an alert id such as alert-3' }],
    });
    expect(await headPosition()).toBe(head);
  });

  it('lets a supervisor review her risk, and refuses a review by anyone else', async () => {
    expect(await mutate('reviewVictimRisk', { asbCaseId: caseId, personId: janet, reviewedOn: '2026-11-10', note: 'Reviewed' }, police)).toMatchObject({
      __typename: 'RuleViolation',
      code: 'RISK_REVIEW_NEEDS_SUPERVISOR',
    });
    const reviewed = done(await mutate('reviewVictimRisk', { asbCaseId: caseId, personId: janet, reviewedOn: '2026-11-10', note: 'Still high: CCTV doorbell fitted, daily call.' }, policeSupervisor, 'victims { risk { reviews { reviewer by } nextReviewDue } }'));
    expect(reviewed.asbCase.victims).toEqual([{ risk: { reviews: [{ reviewer: 'supervisor', by: 'Insp. Rachel Okafor' }], nextReviewDue: '2026-11-24' } }]);
  });
});

describe('input that is not valid', () => {
  let caseId: string;
  let victim: string;

  beforeAll(async () => {
    caseId = (await openCase(police, 'police', 'Off-road bikes on Heath Common')).id;
    victim = await recordVictim(police, caseId, 'Peter Dunn');
  });

  it('answers a ValidationError naming each field, and writes nothing', async () => {
    const head = await headPosition();
    const refused: Array<[string, Record<string, unknown>, string[]]> = [
      ['openAsbCase', { owningAgencyId: 'police', title: 'x'.repeat(201), summary: ' ', location: { description: 'Heath' }, openedOn: '2026-11-02' }, ['title', 'summary']],
      ['openAsbCase', { owningAgencyId: 'Police HQ', title: 'Bikes', summary: 'Bikes', location: { description: 'Heath', locationKey: 'Heath Common' }, openedOn: '2026-11-02', expectedRevision: 0 }, ['expectedRevision']],
      ['openAsbCase', { owningAgencyId: 'Police HQ', title: 'Bikes', summary: 'Bikes', location: { description: 'Heath', locationKey: 'Heath Common' }, openedOn: '2026-11-02' }, ['owningAgencyId', 'location.locationKey']],
      ['openAsbCase', { owningAgencyId: 'police', title: 'Bikes', summary: 'Bikes', location: { description: 'Heath' }, neighbourhoodId: randomUUID(), openedOn: '2026-11-02' }, ['neighbourhoodId']],
      ['recordVictim', { asbCaseId: caseId, details: { name: 'Ann Hirst', email: 'not an email', phone: 'ring the bell' }, householdKey: 'flat 2', recordedOn: '2026-11-02' }, ['details.phone', 'details.email', 'householdKey']],
      ['reportIncident', { asbCaseId: caseId, ...incident('inc-1', '2026-11-04', { reporter: { kind: 'person', personId: victim }, receivedBy: 'police', reportedOn: '2026-11-03' }, { time: '25:00' }) }, ['time', 'report.reportedOn']],
      ['assessVictimRisk', { asbCaseId: caseId, personId: victim, answers: [...answers([]), { questionId: 'persistent', yes: true }], assessedOn: '2026-11-03' }, ['answers.16.questionId']],
      ['recordIntervention', { asbCaseId: caseId, interventionId: 'cpn-1', kind: 'community_protection_notice', issuingAgencyId: 'police', issuingAgencyKind: 'police', issuedOn: '2026-11-10', terms: 'Stop' }, ['subjectPersonId']],
      ['requestCaseReview', { asbCaseId: caseId, applicationId: 'ct-1', appliedOn: '2026-11-10', applicantPersonId: victim, madeBy: 'victim', representative: 'councillor' }, ['representative']],
      ['recordCaseReviewDecision', { asbCaseId: caseId, applicationId: 'ct-1', decidedOn: '2026-11-10', thresholdMet: true, reason: 'Three complaints' }, ['basis']],
    ];
    for (const [name, input, paths] of refused) {
      const answer = await mutate(name, input, police);
      expect(answer.__typename, `${name}: ${JSON.stringify(answer)}`).toBe('ValidationError');
      expect((answer.fieldErrors as Array<{ path: string }>).map((e) => e.path), name).toEqual(paths);
    }
    expect(await headPosition()).toBe(head);
  });

  it('asks for exactly one of planId and asbCaseId when assigning an action', async () => {
    const head = await headPosition();
    const plans = await server.graphql('{ plans(filter: { text: "street drinking" }) { edges { node { id } } } }', { token: coordinator });
    const planId = (plans.body.data!.plans as { edges: Array<{ node: { id: string } }> }).edges[0]!.node.id;
    const ASSIGN = 'mutation($input: AssignActionInput!) { assignAction(input: $input) { __typename ... on ValidationError { fieldErrors { path } } } }';
    const base = { assignee: { agencyId: 'youth' }, description: 'Diversionary activity', dueOn: '2026-12-18' };
    const both = await server.graphql(ASSIGN, { token: coordinator, variables: { input: { ...base, planId, asbCaseId: caseId } } });
    const neither = await server.graphql(ASSIGN, { token: coordinator, variables: { input: base } });
    expect(both.body.data!.assignAction).toEqual({ __typename: 'ValidationError', fieldErrors: [{ path: 'asbCaseId' }] });
    expect(neither.body.data!.assignAction).toEqual({ __typename: 'ValidationError', fieldErrors: [{ path: 'planId' }] });
    expect(await headPosition()).toBe(head);
  });
});

describe('the 2014 Act’s preconditions on interventions', () => {
  let caseId: string;
  let adult: string;
  let child: string;
  let noBirthday: string;

  beforeAll(async () => {
    caseId = (await openCase(council, 'council', 'Garden waste and abuse in Ings Road', '2026-09-01')).id;
    const subject = async (name: string, dateOfBirth?: string) =>
      done(await mutate('recordSubject', { asbCaseId: caseId, details: { name, ...(dateOfBirth ? { dateOfBirth } : {}) }, recordedOn: '2026-09-01' }, council)).personId!;
    adult = await subject('Dean Royle', '1988-06-02');
    child = await subject('Kyle Royle', '2012-01-20');
    noBirthday = await subject('Unknown man in the red van');
    // A written warning to the child before any notice: so what refuses the notice is his age.
    done(await mutate('recordIntervention', { asbCaseId: caseId, interventionId: 'cpw-kyle', kind: 'community_protection_warning', subjectPersonId: child, issuingAgencyId: 'council', issuingAgencyKind: 'council', issuedOn: '2026-10-01', terms: 'Stop throwing waste over the fence' }, council));
  });

  const intervention = (more: Record<string, unknown>) => ({ issuingAgencyId: 'council', issuingAgencyKind: 'council', issuedOn: '2026-11-02', terms: 'Do not dump garden waste on the verge', ...more });

  const cases: Array<[string, () => Record<string, unknown>, string]> = [
    ['a community protection notice without a written warning first', () => intervention({ interventionId: 'cpn-1', kind: 'community_protection_notice', subjectPersonId: adult }), 'CPN_NEEDS_PRIOR_WARNING'],
    ['a community protection notice to a 14-year-old', () => intervention({ interventionId: 'cpn-2', kind: 'community_protection_notice', subjectPersonId: child }), 'CPN_SUBJECT_UNDER_16'],
    ['a criminal behaviour order with no conviction', () => intervention({ interventionId: 'cbo-1', kind: 'criminal_behaviour_order', subjectPersonId: adult }), 'CBO_NEEDS_CONVICTION'],
    ['a community protection notice from a fire service', () => intervention({ interventionId: 'cpn-3', kind: 'community_protection_notice', subjectPersonId: adult, issuingAgencyId: 'fire', issuingAgencyKind: 'fire_and_rescue' }), 'CPN_ISSUER_NOT_EMPOWERED'],
    ['an injunction for two years against a child', () => intervention({ interventionId: 'inj-1', kind: 'civil_injunction', subjectPersonId: child, expiresOn: '2028-11-01' }), 'INJUNCTION_TOO_LONG_FOR_UNDER_18'],
    ['an injunction against someone of unknown age', () => intervention({ interventionId: 'inj-2', kind: 'civil_injunction', subjectPersonId: noBirthday }), 'SUBJECT_AGE_UNKNOWN'],
    [
      'a dispersal authorised by a sergeant',
      () => intervention({ interventionId: 'dd-1', kind: 'dispersal_direction', issuingAgencyId: 'police', issuingAgencyKind: 'police', durationHours: 24, place: 'Ings Road shops', authorisation: { rank: 'sergeant', officer: 'PS Kahn' } }),
      'DISPERSAL_NEEDS_INSPECTOR',
    ],
  ];

  it.each(cases)('refuses %s as a RuleViolation with its code, writing nothing', async (_name, input, code) => {
    const head = await headPosition();
    expect(await mutate('recordIntervention', { asbCaseId: caseId, ...input() }, council)).toMatchObject({ __typename: 'RuleViolation', code });
    expect(await headPosition()).toBe(head);
  });

  it('records the notice once it is lawful, with the subject’s age band on the day as evidence, and a breach of it', async () => {
    done(await mutate('recordIntervention', { asbCaseId: caseId, ...intervention({ interventionId: 'cpw-dean', kind: 'community_protection_warning', subjectPersonId: adult, issuedOn: '2026-10-05' }) }, council));
    const recorded = done(
      await mutate('recordIntervention', { asbCaseId: caseId, ...intervention({ interventionId: 'cpn-dean', kind: 'community_protection_notice', subjectPersonId: adult, expiresOn: '2027-11-01' }) }, council, 'interventions { interventionId kind subjectAgeBandOnIssue }'),
    );
    expect(recorded.asbCase.interventions).toContainEqual({ interventionId: 'cpn-dean', kind: 'community_protection_notice', subjectAgeBandOnIssue: 'aged_18_plus' });
    const breached = done(
      await mutate('recordBreach', { asbCaseId: caseId, breachId: 'breach-1', interventionId: 'cpn-dean', occurredOn: '2026-11-15', description: 'Waste dumped again on the verge' }, council, 'interventions { interventionId breaches { breachId } }'),
    );
    expect(breached.asbCase.interventions).toContainEqual({ interventionId: 'cpn-dean', breaches: [{ breachId: 'breach-1' }] });
    expect(await mutate('recordBreach', { asbCaseId: caseId, breachId: 'breach-2', interventionId: 'cpn-dean', occurredOn: '2026-10-20', description: 'Before the notice' }, council)).toMatchObject({
      __typename: 'RuleViolation',
      code: 'BREACH_BEFORE_INTERVENTION',
    });
  });
});

describe('a case review (the Community Trigger)', () => {
  const uprn = 'uprn-200004556781';
  let caseA: Payload['asbCase'];
  let caseB: Payload['asbCase'];
  let caseC: Payload['asbCase'];
  let ruth: string;

  beforeAll(async () => {
    // Housing holds Ruth's tenancy case; the council holds another about the same man, where she is a victim too (by her person id).
    caseA = await openCase(housing, 'housing', 'Noise and threats at Hawthorn Court', '2026-08-01');
    ruth = await recordVictim(housing, caseA.id, 'Ruth Barker', { householdKey: uprn, recordedOn: '2026-08-01' });
    caseB = await openCase(council, 'council', 'Dog fouling and abuse on Hawthorn Court green', '2026-09-01');
    await recordVictim(council, caseB.id, 'Ruth Barker', { personId: ruth, householdKey: uprn, recordedOn: '2026-09-01' });
    // Her son, at the same address, is a victim on a third case: the household's complaints are gathered too.
    caseC = await openCase(council, 'council', 'Car damage on Hawthorn Court', '2026-09-01');
    const son = await recordVictim(council, caseC.id, 'Liam Barker', { householdKey: uprn, recordedOn: '2026-09-01' });
    // And a case about someone else entirely, whose complaints have nothing to do with hers.
    const other = await openCase(council, 'council', 'Fly-tipping on Pontefract Lane', '2026-09-01');
    const stranger = await recordVictim(council, other.id, 'Someone Else');

    const report = (by: string, receivedBy: string, reportedOn: string) => ({ reporter: { kind: 'person', personId: by }, receivedBy, reportedOn });
    done(await mutate('reportIncident', { asbCaseId: caseA.id, ...incident('inc-1', '2026-08-10', report(ruth, 'housing', '2026-08-11')) }, housing));
    done(await mutate('reportIncident', { asbCaseId: caseA.id, ...incident('inc-2', '2026-09-20', report(ruth, 'police', '2026-09-21')) }, housing));
    // A patrol's own report is not a complaint from the community.
    done(await mutate('reportIncident', { asbCaseId: caseA.id, ...incident('inc-3', '2026-10-02', { reporter: { kind: 'agency_staff', agencyId: 'housing' }, receivedBy: 'housing', reportedOn: '2026-10-02' }) }, housing));
    done(await mutate('reportIncident', { asbCaseId: caseB.id, ...incident('inc-1', '2026-10-15', report(ruth, 'council', '2026-10-16')) }, council));
    // Made two months after the behaviour: gathered, but it does not qualify.
    done(await mutate('reportIncident', { asbCaseId: caseC.id, ...incident('inc-1', '2026-09-03', report(son, 'council', '2026-11-05')) }, council));
    done(await mutate('reportIncident', { asbCaseId: other.id, ...incident('inc-1', '2026-11-01', report(stranger, 'council', '2026-11-01')) }, council));
  });

  it('gathers her complaints from every case she or her household is a victim on, and shows the threshold met and which counted', async () => {
    const applied = done(
      await mutate(
        'requestCaseReview',
        { asbCaseId: caseA.id, applicationId: 'ct-2026-01', appliedOn: '2026-11-20', applicantPersonId: ruth, madeBy: 'representative', representative: 'councillor' },
        housing,
        `caseReviews {
          applicationId madeBy representative
          thresholdShown { met routesMet countedComplaints countedComplaintIds }
          explanation { complaintsOnCasesOutOfSight complaints { complaintId onCaseOutOfSight receivedBy standing } }
        }`,
      ),
    );
    const [review] = applied.asbCase.caseReviews as Array<Record<string, unknown>>;
    expect(review).toMatchObject({ applicationId: 'ct-2026-01', madeBy: 'representative', representative: 'councillor' });
    // Housing does not see the council's cases: their complaints count, without naming the case.
    expect(review!.thresholdShown).toEqual({
      met: true,
      routesMet: ['qualifying_complaints'],
      countedComplaints: 3,
      countedComplaintIds: [`${caseA.reference}/inc-1/1`, `${caseA.reference}/inc-2/1`],
    });
    expect(review!.explanation).toEqual({
      complaintsOnCasesOutOfSight: 2,
      complaints: [
        { complaintId: `${caseA.reference}/inc-1/1`, onCaseOutOfSight: false, receivedBy: 'housing', standing: 'counted' },
        { complaintId: `${caseA.reference}/inc-2/1`, onCaseOutOfSight: false, receivedBy: 'police', standing: 'counted' },
        { complaintId: null, onCaseOutOfSight: true, receivedBy: 'council', standing: 'counted' },
        { complaintId: null, onCaseOutOfSight: true, receivedBy: 'council', standing: 'not_within_a_month_of_behaviour' },
      ],
    });

    // A coordinator, who sees every case, reads which complaints they were.
    const read = await server.graphql('query($id: ID!) { asbCase(id: $id) { caseReviews { thresholdShown { countedComplaintIds } explanation { complaints { complaintId standing } } } } }', {
      token: coordinator,
      variables: { id: caseA.id },
    });
    const [seen] = (read.body.data!.asbCase as { caseReviews: Array<Record<string, unknown>> }).caseReviews;
    expect(seen!.thresholdShown).toEqual({ countedComplaintIds: [`${caseA.reference}/inc-1/1`, `${caseA.reference}/inc-2/1`, `${caseB.reference}/inc-1/1`] });
    expect(seen!.explanation).toEqual({
      complaints: [
        { complaintId: `${caseA.reference}/inc-1/1`, standing: 'counted' },
        { complaintId: `${caseA.reference}/inc-2/1`, standing: 'counted' },
        { complaintId: `${caseB.reference}/inc-1/1`, standing: 'counted' },
        { complaintId: `${caseC.reference}/inc-1/1`, standing: 'not_within_a_month_of_behaviour' },
      ],
    });
  });

  it('is decided met (it must be), held, appealed and the appeal decided, each step in its order', async () => {
    const step = (name: string, input: Record<string, unknown>) => mutate(name, { asbCaseId: caseA.id, applicationId: 'ct-2026-01', ...input }, housing, 'caseReviews { decision { thresholdMet basis } hearings { heldOn } appeal { against decision { upheld } } }');
    expect(await step('recordCaseReviewDecision', { decidedOn: '2026-11-20', thresholdMet: false, reason: 'Not persistent enough' })).toMatchObject({ __typename: 'RuleViolation', code: 'CASE_REVIEW_THRESHOLD_MET' });
    expect(await step('recordCaseReviewOutcome', { heldOn: '2026-11-21', agencies: ['housing'], findings: 'x', recommendations: [] })).toMatchObject({ __typename: 'RuleViolation', code: 'CASE_REVIEW_NOT_DECIDED' });
    done(await step('recordCaseReviewDecision', { decidedOn: '2026-11-20', thresholdMet: true, basis: 'qualifying_complaints', reason: 'Three qualifying complaints' }));
    done(
      await step('recordCaseReviewOutcome', {
        heldOn: '2026-11-21',
        agencies: ['housing', 'council', 'police'],
        findings: 'Reports were handled by each agency alone.',
        recommendations: [{ recommendationId: 'joint-visit', toAgencyId: 'housing', recommendation: 'A joint visit with the council within 14 days', dueOn: '2026-12-05' }],
      }),
    );
    done(await step('appealCaseReview', { appealedOn: '2026-11-22', grounds: 'The recommendations do not address the dog.' }));
    const decided = done(await step('decideCaseReviewAppeal', { decidedOn: '2026-11-23', upheld: false, reason: 'The dog is in the joint visit.' }));
    expect(decided.asbCase.caseReviews).toEqual([{ decision: { thresholdMet: true, basis: 'qualifying_complaints' }, hearings: [{ heldOn: '2026-11-21' }], appeal: { against: 'outcome', decision: { upheld: false } } }]);
  });
});

describe('the controls every mutation takes', () => {
  it('answers a ConflictError when the case moved on since the revision given, and writes nothing', async () => {
    const opened = await openCase(police, 'police', 'Drug dealing from a car on Agbrigg Road');
    const victim = await recordVictim(police, opened.id, 'Sam Ward');
    const read = done(await mutate('flagPerson', { asbCaseId: opened.id, personId: victim, flag: 'intimidated', reason: 'Told not to talk to the police', flaggedOn: '2026-10-02' }, police));
    done(await mutate('makeReferral', { asbCaseId: opened.id, referralId: 'vs-1', service: 'victim_support', personId: victim, referredOn: '2026-10-03', reason: 'Support through the case', expectedRevision: read.asbCase.revision }, police));
    const head = await headPosition();
    const stale = await mutate('recordWitness', { asbCaseId: opened.id, details: { name: 'A neighbour' }, recordedOn: '2026-10-03', expectedRevision: read.asbCase.revision }, police);
    expect(stale).toEqual({ __typename: 'ConflictError', expectedRevision: read.asbCase.revision, actualRevision: read.asbCase.revision + 1 });
    expect(await headPosition()).toBe(head);
  });

  it('does the work once for a repeated idempotency key, and answers the same case and person', async () => {
    const key = randomUUID();
    const input = { owningAgencyId: 'police', title: 'Begging at the bus station', summary: 'Aggressive begging', location: { description: 'Wakefield bus station' }, openedOn: '2026-11-09', idempotencyKey: key };
    const first = done(await mutate('openAsbCase', input, police));
    const again = done(await mutate('openAsbCase', input, police));
    expect(again).toEqual({ ...first, deduplicated: true });
    expect(first.deduplicated).toBe(false);
    // The reference book gave the replay nothing: the next case takes the next number.
    const next = await openCase(police, 'police', 'Begging at the railway station', '2026-11-09');
    expect(Number(next.reference.slice(-4))).toBe(Number(first.asbCase.reference.slice(-4)) + 1);

    // A person made by the server from the key is the same person on a retry.
    const victimKey = randomUUID();
    const victim = { asbCaseId: first.asbCase.id, details: { name: 'Carol Finch' }, recordedOn: '2026-11-09', idempotencyKey: victimKey };
    const recorded = done(await mutate('recordVictim', victim, police, 'victims { personId }'));
    const retried = done(await mutate('recordVictim', victim, police, 'victims { personId }'));
    expect(retried).toEqual({ ...recorded, deduplicated: true });
    expect(recorded.asbCase.victims).toEqual([{ personId: recorded.personId }]);
    // The same key for another request is a mistake, named.
    expect(await mutate('recordVictim', { ...victim, details: { name: 'Someone else' } }, police)).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: 'idempotencyKey' }] });
  });
});

describe('a case’s partner actions, plan, closure', () => {
  const ASSIGN = `mutation($input: AssignActionInput!) { assignAction(input: $input) { __typename ${ERRORS} ... on ActionPayload { action { id reference } plan { id } asbCase { id agencies } } } }`;
  let opened: Payload['asbCase'];

  beforeAll(async () => {
    opened = await openCase(police, 'police', 'Youths gathering at Lupset shops');
    done(await mutate('addCasePartner', { asbCaseId: opened.id, agencyId: 'council' }, police));
  });

  it('gives an action on a case to an agency, which is on the case from then on; the case’s owner answers for it', async () => {
    const input = { asbCaseId: opened.id, assignee: { agencyId: 'youth', person: 'Grace Mensah' }, description: 'Detached youth work at the shops on Friday evenings', dueOn: '2026-12-11' };
    expect((await server.graphql(ASSIGN, { token: fire, variables: { input } })).body.data!.assignAction).toEqual({ __typename: 'NotFound', message: 'The ASB case was not found' });
    expect((await server.graphql(ASSIGN, { token: council, variables: { input } })).body.data!.assignAction).toMatchObject({ __typename: 'RuleViolation', code: 'ACTION_OWNER_ONLY' });
    const assigned = (await server.graphql(ASSIGN, { token: police, variables: { input } })).body.data!.assignAction as { __typename: string; plan: null; asbCase: { id: string; agencies: string[] }; action: { id: string } };
    expect(assigned).toMatchObject({ __typename: 'ActionPayload', plan: null, asbCase: { id: opened.id, agencies: ['council', 'police', 'youth'] } });
    const seen = await server.graphql('query($id: ID!) { asbCase(id: $id) { reference actions { id ownerAgencyId } } }', { token: youth, variables: { id: opened.id } });
    expect(seen.body.data!.asbCase).toEqual({ reference: opened.reference, actions: [{ id: assigned.action.id, ownerAgencyId: 'police' }] });
  });

  it('links the case only to a plan the caller sees', async () => {
    const fireCase = await openCase(fire, 'fire', 'Deliberate fires in bins behind Kirkgate', '2026-11-01');
    const plans = async (text: string, token: string) =>
      ((await server.graphql('query($text: String) { plans(filter: { text: $text }) { edges { node { id } } } }', { token, variables: { text } })).body.data!.plans as { edges: Array<{ node: { id: string } }> }).edges.map((e) => e.node.id);
    const [drinking] = await plans('street drinking', coordinator);
    const [rented] = await plans('rented houses', fire);
    const link = (planId: string) => mutate('linkCaseToPlan', { asbCaseId: fireCase.id, planId, linkedOn: '2026-11-20' }, fire, 'plan { id } planLinkedOn');
    const unseen = await link(drinking!);
    expect(unseen).toEqual({ __typename: 'NotFound', message: 'The plan was not found' });
    expect(await link(Buffer.from(`Plan:${randomUUID()}`).toString('base64'))).toEqual(unseen);
    expect(done(await link(rented!)).asbCase).toMatchObject({ plan: { id: rented }, planLinkedOn: '2026-11-20' });
  });

  it('closes with every victim’s satisfaction, changes nothing more until reopened by its owner, and takes no new action while closed', async () => {
    const victim = await recordVictim(police, opened.id, 'Mohammed Iqbal');
    const close = { asbCaseId: opened.id, closedOn: '2026-11-22', outcome: 'improved', summary: 'No gatherings for three weeks.' };
    expect(await mutate('closeAsbCase', { ...close, victimSatisfaction: [] }, police)).toMatchObject({ __typename: 'RuleViolation', code: 'CASE_SATISFACTION_MISSING' });
    const closed = done(await mutate('closeAsbCase', { ...close, victimSatisfaction: [{ personId: victim, satisfaction: 'satisfied' }] }, police, 'status closure { outcome victimSatisfaction { satisfaction } }'));
    expect(closed.asbCase).toMatchObject({ status: 'closed', closure: { outcome: 'improved', victimSatisfaction: [{ satisfaction: 'satisfied' }] } });

    const head = await headPosition();
    expect(await mutate('recordWitness', { asbCaseId: opened.id, details: { name: 'A shopkeeper' }, recordedOn: '2026-11-22' }, police)).toMatchObject({ __typename: 'RuleViolation', code: 'ASB_CASE_CLOSED' });
    const action = { asbCaseId: opened.id, assignee: { agencyId: 'council' }, description: 'Wardens at the shops', dueOn: '2026-12-11' };
    expect((await server.graphql(ASSIGN, { token: police, variables: { input: action } })).body.data!.assignAction).toMatchObject({ __typename: 'RuleViolation', code: 'ASB_CASE_CLOSED' });
    expect(await mutate('reopenAsbCase', { asbCaseId: opened.id, reason: 'They are back', reopenedOn: '2026-11-23' }, council)).toMatchObject({ __typename: 'RuleViolation', code: 'ASB_CASE_OWNER_ONLY' });
    // Refused before a reference was reserved, and before anything else was written.
    expect(await headPosition()).toBe(head);

    const reopened = done(await mutate('reopenAsbCase', { asbCaseId: opened.id, reason: 'They are back', reopenedOn: '2026-11-23' }, police, 'status closures { outcome } reopenings { reason }'));
    expect(reopened.asbCase).toMatchObject({ status: 'open', closures: [{ outcome: 'improved' }], reopenings: [{ reason: 'They are back' }] });
  });

  it('corrects a person’s details, and removes a partner, who then no longer sees the case', async () => {
    const subject = done(await mutate('recordSubject', { asbCaseId: opened.id, details: { name: 'J. Doe' }, recordedOn: '2026-11-23', estimatedAgeBand: 'aged_16_17' }, police, 'subjects { personId ageBand ageBandEstimated }'));
    expect(subject.asbCase.subjects).toEqual([{ personId: subject.personId, ageBand: 'aged_16_17', ageBandEstimated: true }]);
    const corrected = done(
      await mutate('correctPersonalDetails', { asbCaseId: opened.id, personId: subject.personId, details: { name: 'Jake Doe', dateOfBirth: '2011-04-01' }, correctedOn: '2026-11-23' }, police, 'subjects { ageBand ageBandEstimated details { name } }'),
    );
    expect(corrected.asbCase.subjects).toEqual([{ ageBand: 'aged_10_15', ageBandEstimated: false, details: { name: 'Jake Doe' } }]);
    done(await mutate('removeCasePartner', { asbCaseId: opened.id, agencyId: 'council', reason: 'Not a council matter' }, police));
    expect(await mutate('flagPerson', { asbCaseId: opened.id, personId: subject.personId, flag: 'vulnerable', reason: 'x', flaggedOn: '2026-11-23' }, council)).toEqual({
      __typename: 'NotFound',
      message: 'The ASB case was not found',
    });
    expect(await mutate('removeCasePartner', { asbCaseId: opened.id, agencyId: 'council', reason: 'Again' }, police)).toMatchObject({ __typename: 'RuleViolation', code: 'CASE_PARTNER_NOT_FOUND' });
  });
});
