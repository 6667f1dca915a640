import { describe, expect, it } from 'vitest';
import { type CaseReviewProcedure, type Complaint, caseReviewProcedureSchema, judgeCaseReviewThreshold, statutoryProcedure } from '../../../src/domain/asb-case/case-review.js';
import { asbCaseCommandSchema } from '../../../src/domain/asb-case/commands.js';
import { asbCaseDecider } from '../../../src/domain/asb-case/decider.js';
import type { AsbCaseEvent } from '../../../src/domain/asb-case/events.js';
import { complaintsOfCase, type OpenedAsbCase } from '../../../src/domain/asb-case/state.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { givenWhenThen } from '../../support/given-when-then.js';
import { history, james, megan, now, person, priya, sarah } from './history.js';

const given = givenWhenThen(asbCaseDecider);
const asbCase = (events: readonly AsbCaseEvent[]) => fold(asbCaseDecider, events) as OpenedAsbCase & { opened: true };

const people = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'].map((p) => `${p}000000-0000-4000-8000-000000000000`);

function complaint(complaintId: string, behaviourOn: string, complainedOn: string, more: Partial<Complaint> = {}): Complaint {
  return { complaintId, incidentId: complaintId, complainantPersonId: people[0], householdKey: 'uprn-1', receivedBy: 'police', behaviourOn, complainedOn, hateMotivated: false, ...more };
}

const procedure = (overrides: Record<string, unknown>): CaseReviewProcedure => caseReviewProcedureSchema.parse(overrides);
const standing = (complaints: Complaint[], on: string, p: CaseReviewProcedure = statutoryProcedure) =>
  judgeCaseReviewThreshold(complaints, on, p).complaints.map((c) => [c.complaintId, c.standing]);

describe('the automatic threshold: three qualifying complaints', () => {
  const three = [complaint('c1', '2026-03-14', '2026-03-15'), complaint('c2', '2026-04-01', '2026-04-02'), complaint('c3', '2026-05-09', '2026-05-10')];

  it('is met by three complaints about separate incidents, each made within a month of the behaviour, the application within six months of each', () => {
    const judgement = judgeCaseReviewThreshold(three, '2026-09-14');
    expect(judgement).toMatchObject({ met: true, routesMet: ['qualifying-complaints'] });
    expect(judgement.routes[0]).toEqual({
      route: 'qualifying-complaints',
      enabled: true,
      met: true,
      needed: 3,
      found: 3,
      complaintIds: ['c1', 'c2', 'c3'],
      why: '3 qualifying complaints about separate incidents; 3 meet the threshold',
    });
    expect(judgement.complaints[0]!.why).toBe(
      'made to police on 2026-03-15, within the month beginning with the behaviour on 2026-03-14; the application on 2026-09-14 is within the six months beginning with the complaint (to 2026-09-14)',
    );
  });

  it('counts the third report inside six months, and not one a day outside', () => {
    // Six months beginning with 15 March end on 14 September.
    expect(judgeCaseReviewThreshold(three, '2026-09-14').met).toBe(true);
    const aDayLate = judgeCaseReviewThreshold(three, '2026-09-15');
    expect(aDayLate.met).toBe(false);
    expect(aDayLate.complaints[0]).toEqual({
      complaintId: 'c1',
      incidentId: 'c1',
      standing: 'application-over-six-months-later',
      qualifies: false,
      why: 'the application on 2026-09-15 comes after the six months beginning with the complaint on 2026-03-15 (they ended on 2026-09-14)',
    });
    expect(aDayLate.routes[0]).toMatchObject({ found: 2, complaintIds: ['c2', 'c3'], why: '2 qualifying complaints about separate incidents; 3 are needed to meet the threshold' });
  });

  it('counts a complaint made within the month beginning with the behaviour, and not a day after', () => {
    expect(standing([complaint('c', '2026-03-15', '2026-04-14')], '2026-05-01')).toEqual([['c', 'counted']]);
    const late = judgeCaseReviewThreshold([complaint('c', '2026-03-15', '2026-04-15')], '2026-05-01').complaints[0]!;
    expect([late.standing, late.why]).toEqual(['not-within-a-month-of-behaviour', 'made on 2026-04-15, after the month beginning with the behaviour on 2026-03-15 (it ended on 2026-04-14)']);
  });

  it('counts calendar months: a month from 31 January ends with February, in a leap year too', () => {
    expect(standing([complaint('c', '2026-01-31', '2026-02-28')], '2026-03-10')).toEqual([['c', 'counted']]);
    expect(standing([complaint('c', '2026-01-31', '2026-03-01')], '2026-03-10')).toEqual([['c', 'not-within-a-month-of-behaviour']]);
    expect(standing([complaint('c', '2028-01-31', '2028-02-29')], '2028-03-10')).toEqual([['c', 'counted']]);
    // Six months from 31 August end on 28 February (29 in a leap year).
    expect(standing([complaint('c', '2026-08-31', '2026-08-31')], '2027-02-28')).toEqual([['c', 'counted']]);
    expect(standing([complaint('c', '2026-08-31', '2026-08-31')], '2027-03-01')).toEqual([['c', 'application-over-six-months-later']]);
  });

  it('counts one incident reported to several agencies once, and says which report counted', () => {
    const toPolice = complaint('c1', '2026-03-14', '2026-03-14', { incidentId: 'inc-1' });
    const toCouncil = complaint('c1b', '2026-03-14', '2026-03-15', { incidentId: 'inc-1', receivedBy: 'council' });
    const toHousing = complaint('c1c', '2026-03-14', '2026-03-16', { incidentId: 'inc-1', receivedBy: 'housing' });
    const judgement = judgeCaseReviewThreshold([toHousing, toCouncil, toPolice, three[1]!], '2026-06-01');
    expect(judgement.met).toBe(false);
    expect(judgement.complaints.map((c) => [c.complaintId, c.standing, c.sameAs])).toEqual([
      ['c1', 'counted', undefined],
      ['c1b', 'same-incident', 'c1'],
      ['c1c', 'same-incident', 'c1'],
      ['c2', 'counted', undefined],
    ]);
    expect(judgement.complaints[1]!.why).toBe('the same incident (inc-1) as c1, already counted: one incident reported to several agencies counts once');
  });

  it('does not count a complaint made before the behaviour, or after the application', () => {
    expect(standing([complaint('early', '2026-03-14', '2026-03-13'), complaint('late', '2026-06-01', '2026-06-02')], '2026-06-01')).toEqual([
      ['early', 'made-before-behaviour'],
      ['late', 'made-after-application'],
    ]);
  });

  it('takes a lower number from the local procedure, never one above three', () => {
    expect(judgeCaseReviewThreshold(three.slice(0, 2), '2026-06-01', procedure({ qualifyingComplaints: 2 })).met).toBe(true);
    expect(judgeCaseReviewThreshold(three.slice(0, 2), '2026-06-01').met).toBe(false);
    const tooHigh = caseReviewProcedureSchema.safeParse({ qualifyingComplaints: 4 });
    expect(tooHigh.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['qualifyingComplaints', 'the Act lets a local procedure set three at most']]);
  });

  it('is the Act alone unless the procedure switches the local routes on', () => {
    expect(statutoryProcedure).toEqual({
      qualifyingComplaints: 3,
      individualsOrHouseholds: { enabled: false, count: 5 },
      hateIncident: { enabled: false, count: 1 },
      linkedLocation: { enabled: false, incidents: 5, reporters: 2 },
    });
  });
});

describe('the local routes', () => {
  const households = ['uprn-1', 'uprn-2', 'uprn-3', 'uprn-4', 'uprn-5'];
  // Five households about one night of fireworks: one incident, so not three for the Act.
  const fiveHouseholds = households.map((householdKey, i) => complaint(`h${i + 1}`, '2026-10-31', '2026-11-01', { incidentId: 'bonfire-night', householdKey, complainantPersonId: people[i] }));

  it('five individuals or households about the same problem in six months', () => {
    expect(judgeCaseReviewThreshold(fiveHouseholds, '2026-11-20').met).toBe(false);
    const judgement = judgeCaseReviewThreshold(fiveHouseholds, '2026-11-20', procedure({ individualsOrHouseholds: { enabled: true } }));
    expect(judgement.routesMet).toEqual(['individuals-or-households']);
    expect(judgement.routes[1]).toMatchObject({ found: 5, needed: 5, complaintIds: ['h1', 'h2', 'h3', 'h4', 'h5'], why: '5 individuals or households complained within six months; the local procedure needs 5' });
  });

  it('counts a household once however many of it complain, and an anonymous complaint as no one', () => {
    const sameHouse = complaint('h6', '2026-10-31', '2026-11-02', { incidentId: 'bonfire-night', householdKey: 'uprn-1', complainantPersonId: people[5] });
    const anonymous = complaint('anon', '2026-10-31', '2026-11-02', { incidentId: 'bonfire-night', householdKey: undefined, complainantPersonId: undefined });
    const p = procedure({ individualsOrHouseholds: { enabled: true } });
    expect(judgeCaseReviewThreshold([...fiveHouseholds.slice(0, 4), sameHouse, anonymous], '2026-11-20', p).routes[1]).toMatchObject({ met: false, found: 4 });
    const noHousehold = complaint('h7', '2026-10-31', '2026-11-02', { incidentId: 'bonfire-night', householdKey: undefined, complainantPersonId: people[5] });
    expect(judgeCaseReviewThreshold([...fiveHouseholds.slice(0, 4), noHousehold], '2026-11-20', p).routes[1]).toMatchObject({ met: true, found: 5 });
  });

  it('one hate incident, when it is a qualifying complaint', () => {
    const hate = complaint('hate', '2026-10-01', '2026-10-02', { hateMotivated: true });
    const p = procedure({ hateIncident: { enabled: true } });
    expect(judgeCaseReviewThreshold([hate], '2026-11-20', p)).toMatchObject({ met: true, routesMet: ['hate-incident'] });
    expect(judgeCaseReviewThreshold([hate], '2026-11-20').met).toBe(false);
    expect(judgeCaseReviewThreshold([{ ...hate, complainedOn: '2026-11-05' }], '2026-11-20', p).met).toBe(false);
  });

  it('five incidents at a linked location reported by more than one person', () => {
    const p = procedure({ linkedLocation: { enabled: true } });
    const atShops = ['2026-10-01', '2026-10-08', '2026-10-15', '2026-10-22', '2026-10-29'].map((day, i) =>
      complaint(`s${i + 1}`, day, day, { locationKey: 'airedale-road', complainantPersonId: people[i % 2], householdKey: `uprn-${i % 2}` }),
    );
    const judgement = judgeCaseReviewThreshold(atShops, '2026-11-20', { ...p, qualifyingComplaints: 3 });
    expect(judgement.routesMet).toEqual(['qualifying-complaints', 'linked-location']);
    expect(judgement.routes[3]).toMatchObject({ met: true, found: 5, why: '5 incidents at airedale-road, reported by 2 people; the local procedure needs 5 incidents reported by 2 or more people' });
    const onePerson = atShops.map((c) => ({ ...c, complainantPersonId: people[0] }));
    expect(judgeCaseReviewThreshold(onePerson, '2026-11-20', p).routes[3]).toMatchObject({ met: false, found: 5 });
    expect(judgeCaseReviewThreshold(atShops.slice(0, 4), '2026-11-20', p).routes[3]).toMatchObject({ met: false, found: 4 });
    expect(judgeCaseReviewThreshold(atShops.map((c) => ({ ...c, locationKey: undefined })), '2026-11-20', p).routes[3]).toMatchObject({ met: false, why: 'no complaint names a linked location' });
  });
});

describe('the case’s complaints', () => {
  it('are its incidents’ reports by the community, each incident once however many agencies heard of it', () => {
    const complaints = complaintsOfCase(asbCase(history.intervened));
    expect(complaints.map((c) => [c.complaintId, c.incidentId, c.receivedBy, c.complainedOn, c.householdKey])).toEqual([
      ['ASB-2026-0031/inc-1/1', 'ASB-2026-0031/inc-1', 'police', '2026-09-10', 'uprn-100050512345'],
      ['ASB-2026-0031/inc-1/2', 'ASB-2026-0031/inc-1', 'council', '2026-09-11', 'uprn-100050512345'],
      ['ASB-2026-0031/inc-2/1', 'ASB-2026-0031/inc-2', 'council', '2026-09-21', 'uprn-100050512345'],
      ['ASB-2026-0031/inc-3/1', 'ASB-2026-0031/inc-3', 'police', '2026-10-04', 'uprn-100050512346'],
    ]);
    expect(judgeCaseReviewThreshold(complaints, '2026-11-20').routes[0]).toMatchObject({ met: true, found: 3 });
  });

  it('leave out a report by an agency’s own staff', () => {
    const patrol: AsbCaseEvent = { type: 'IncidentReportAdded', incidentId: 'inc-3', report: { reporter: { kind: 'agency-staff', agencyId: 'police' }, receivedBy: 'police', reportedOn: '2026-10-03' } };
    expect(complaintsOfCase(asbCase([...history.intervened, patrol]))).toHaveLength(4);
  });
});

const apply = {
  type: 'RequestCaseReview' as const,
  applicationId: 'ct-2026-07',
  appliedOn: '2026-11-02',
  applicantPersonId: person.doreen,
  madeBy: 'representative' as const,
  representative: 'family' as const,
  complaints: [] as Complaint[],
  procedure: statutoryProcedure,
};

describe('the case review on a case', () => {
  const complaints = complaintsOfCase(asbCase(history.intervened));
  const { type: _type, ...application } = apply;
  const applied: AsbCaseEvent[] = [
    ...history.intervened,
    {
      type: 'CaseReviewRequested',
      ...application,
      complaints,
      thresholdShown: { met: true, routesMet: ['qualifying-complaints'], countedComplaintIds: ['ASB-2026-0031/inc-1/1', 'ASB-2026-0031/inc-2/1', 'ASB-2026-0031/inc-3/1'] },
    },
  ];
  const decided: AsbCaseEvent[] = [
    ...applied,
    { type: 'CaseReviewDecided', applicationId: 'ct-2026-07', decidedOn: '2026-11-05', thresholdMet: true, basis: 'qualifying-complaints', reason: 'Three qualifying complaints in six months.' },
  ];
  const held: AsbCaseEvent[] = [
    ...decided,
    {
      type: 'CaseReviewHeld',
      applicationId: 'ct-2026-07',
      heldOn: '2026-11-12',
      agencies: ['council', 'police', 'housing'],
      findings: 'Reports were handled apart by the police and the council; no one agency held the whole picture.',
      recommendations: [{ recommendationId: 'r1', toAgencyId: 'housing', recommendation: 'Consider a civil injunction against the tenant household.', dueOn: '2026-12-12' }],
    },
  ];
  const notMet: AsbCaseEvent[] = [
    ...history.intervened,
    { type: 'CaseReviewRequested', ...application, thresholdShown: { met: false, routesMet: [], countedComplaintIds: [] } },
    { type: 'CaseReviewDecided', applicationId: 'ct-2026-07', decidedOn: '2026-11-05', thresholdMet: false, reason: 'One complaint in six months; the response was adequate.' },
  ];
  const decide = { type: 'RecordCaseReviewDecision' as const, applicationId: 'ct-2026-07', decidedOn: '2026-11-05', thresholdMet: true, basis: 'qualifying-complaints' as const, reason: 'Three qualifying complaints in six months.' };
  const hold = { ...(held.at(-1) as Extract<AsbCaseEvent, { type: 'CaseReviewHeld' }>), type: 'RecordCaseReviewOutcome' as const };
  const appeal = { type: 'AppealCaseReview' as const, applicationId: 'ct-2026-07', appealedOn: '2026-11-16', grounds: 'The review did not ask the housing provider to act.' };
  const decideAppeal = { type: 'DecideCaseReviewAppeal' as const, applicationId: 'ct-2026-07', decidedOn: '2026-11-19', upheld: true, reason: 'The review should have heard the landlord.' };

  it('records the application with the threshold the complaints showed on its day', () => {
    given(history.intervened).when({ ...apply, complaints }, megan, now).then(applied.slice(-1));
    expect(asbCase(applied).caseReviews.get('ct-2026-07')).toMatchObject({ decision: null, hearings: [], appeal: null, thresholdShown: { met: true } });
  });

  it('is applied for once under an id, by or for a victim on the case', () => {
    given(applied).when(apply, megan, now).thenViolates('CASE_REVIEW_ALREADY_REQUESTED');
    given(history.intervened).when({ ...apply, applicantPersonId: person.kyle }, megan, now).thenViolates('VICTIM_NOT_FOUND');
    given(history.intervened).when({ ...apply, appliedOn: '2026-11-30' }, megan, now).thenViolates('DATE_IN_FUTURE', 'The application (2026-11-30)');
  });

  it('is decided after the application, once', () => {
    given(history.intervened).when(decide, megan, now).thenViolates('CASE_REVIEW_NOT_REQUESTED', 'No application "ct-2026-07" for a case review on ASB-2026-0031: record the application first.');
    given(applied).when(decide, megan, now).then(decided.slice(-1));
    given(applied).when({ ...decide, decidedOn: '2026-11-01' }, megan, now).thenViolates('CASE_REVIEW_DATE_OUT_OF_ORDER', 'The decision (2026-11-01) cannot come before the application (2026-11-02).');
    given(decided).when(decide, megan, now).thenViolates('CASE_REVIEW_ALREADY_DECIDED', 'was decided on 2026-11-05');
  });

  it('must find the threshold met when the complaints meet it', () => {
    given(applied)
      .when({ type: 'RecordCaseReviewDecision', applicationId: 'ct-2026-07', decidedOn: '2026-11-05', thresholdMet: false, reason: 'Handled adequately.' }, megan, now)
      .thenViolates('CASE_REVIEW_THRESHOLD_MET', 'meet the threshold (qualifying-complaints): the relevant bodies must decide it is met');
  });

  it('may find it met on persistence, harm and the response when the complaints do not meet it', () => {
    const fewer = [...history.intervened, ...asbCaseDecider.decide(apply, asbCase(history.intervened), { actor: megan, now })];
    expect(asbCase(fewer).caseReviews.get('ct-2026-07')!.thresholdShown.met).toBe(false);
    given(fewer)
      .when({ ...decide, basis: 'persistence-harm-response', reason: 'An elderly victim targeted for two months: the harm warrants a review.' }, megan, now)
      .then([{ type: 'CaseReviewDecided', applicationId: 'ct-2026-07', decidedOn: '2026-11-05', thresholdMet: true, basis: 'persistence-harm-response', reason: 'An elderly victim targeted for two months: the harm warrants a review.' }]);
  });

  it('holds the review meeting after a decision that the threshold is met, once, with its recommendations', () => {
    given(applied).when(hold, megan, now).thenViolates('CASE_REVIEW_NOT_DECIDED');
    given(decided).when(hold, megan, now).then(held.slice(-1));
    given(decided).when({ ...hold, heldOn: '2026-11-04' }, megan, now).thenViolates('CASE_REVIEW_DATE_OUT_OF_ORDER', 'The review meeting (2026-11-04) cannot come before the threshold decision (2026-11-05).');
    given(held).when(hold, megan, now).thenViolates('CASE_REVIEW_ALREADY_HELD', 'was held on 2026-11-12');
    given(notMet).when(hold, megan, now).thenViolates('CASE_REVIEW_NOT_TO_BE_HELD');
    expect(asbCase(held).caseReviews.get('ct-2026-07')!.hearings[0]!.recommendations).toHaveLength(1);
  });

  it('takes the applicant’s appeal against a threshold not met, or against the review’s outcome', () => {
    given(applied).when(appeal, megan, now).thenViolates('CASE_REVIEW_NOT_DECIDED');
    given(decided).when(appeal, megan, now).thenViolates('CASE_REVIEW_NOT_YET_HELD', 'its outcome may be appealed once it is');
    given(held).when(appeal, megan, now).then([{ type: 'CaseReviewAppealed', applicationId: 'ct-2026-07', appealedOn: '2026-11-16', against: 'outcome', grounds: appeal.grounds }]);
    given(notMet).when(appeal, megan, now).then([{ type: 'CaseReviewAppealed', applicationId: 'ct-2026-07', appealedOn: '2026-11-16', against: 'decision', grounds: appeal.grounds }]);
    given(held).when({ ...appeal, appealedOn: '2026-11-11' }, megan, now).thenViolates('CASE_REVIEW_DATE_OUT_OF_ORDER', 'cannot come before the review meeting (2026-11-12)');
    const appealed = [...held, ...asbCaseDecider.decide(appeal, asbCase(held), { actor: megan, now })];
    given(appealed).when(appeal, megan, now).thenViolates('CASE_REVIEW_ALREADY_APPEALED');
  });

  it('holds the review after an upheld appeal against a threshold not met', () => {
    const appealed = [...notMet, ...asbCaseDecider.decide(appeal, asbCase(notMet), { actor: megan, now })];
    given(notMet).when(decideAppeal, megan, now).thenViolates('CASE_REVIEW_NOT_APPEALED');
    given(appealed).when({ ...decideAppeal, decidedOn: '2026-11-15' }, megan, now).thenViolates('CASE_REVIEW_DATE_OUT_OF_ORDER');
    const upheld = [...appealed, ...asbCaseDecider.decide(decideAppeal, asbCase(appealed), { actor: megan, now })];
    given(upheld).when(decideAppeal, megan, now).thenViolates('CASE_REVIEW_APPEAL_ALREADY_DECIDED');
    given(upheld).when({ ...hold, heldOn: '2026-11-18' }, megan, now).thenViolates('CASE_REVIEW_DATE_OUT_OF_ORDER', 'cannot come before the appeal’s decision (2026-11-19)');
    given(upheld).when({ ...hold, heldOn: '2026-11-20' }, megan, now).then([{ ...(held.at(-1) as object), heldOn: '2026-11-20' } as AsbCaseEvent]);
    const dismissed = [...appealed, ...asbCaseDecider.decide({ ...decideAppeal, upheld: false }, asbCase(appealed), { actor: megan, now })];
    given(dismissed).when({ ...hold, heldOn: '2026-11-20' }, megan, now).thenViolates('CASE_REVIEW_NOT_TO_BE_HELD');
  });

  it('holds the review again after an upheld appeal against its outcome, and not a third time', () => {
    const appealed = [...held, ...asbCaseDecider.decide(appeal, asbCase(held), { actor: megan, now })];
    const upheld = [...appealed, ...asbCaseDecider.decide(decideAppeal, asbCase(appealed), { actor: megan, now })];
    const again = [...upheld, ...asbCaseDecider.decide({ ...hold, heldOn: '2026-11-20' }, asbCase(upheld), { actor: megan, now })];
    expect(asbCase(again).caseReviews.get('ct-2026-07')!.hearings.map((h) => h.heldOn)).toEqual(['2026-11-12', '2026-11-20']);
    given(again).when({ ...hold, heldOn: '2026-11-20' }, megan, now).thenViolates('CASE_REVIEW_ALREADY_HELD');
  });

  it('is worked by any agency on the case, not by others', () => {
    expect(() => asbCaseDecider.decide(decide, asbCase(applied), { actor: james, now })).not.toThrow();
    expect(() => asbCaseDecider.decide(decide, asbCase(applied), { actor: sarah, now })).not.toThrow();
    given(applied).when(decide, priya, now).thenViolates('ASB_CASE_NOT_ON_CASE');
  });

  it('names the fields of its commands at the edge', () => {
    const paths = (input: unknown) => asbCaseCommandSchema.safeParse(input).error!.issues.map((i) => i.path.join('.'));
    expect(paths({ ...decide, basis: undefined })).toEqual(['basis']);
    expect(paths({ ...decide, thresholdMet: false })).toEqual(['basis']);
    expect(paths({ ...apply, representative: undefined })).toEqual(['representative']);
    expect(paths({ ...apply, procedure: { qualifyingComplaints: 5 } })).toEqual(['procedure.qualifyingComplaints']);
    expect(paths({ ...apply, complaints: [complaint('c1', '2026-10-01', '2026-10-01'), complaint('c1', '2026-10-02', '2026-10-02')] })).toEqual(['complaints']);
    expect(paths({ ...hold, agencies: [], recommendations: [{ recommendationId: 'r1', toAgencyId: 'Housing', recommendation: '' }] })).toEqual([
      'agencies',
      'recommendations.0.toAgencyId',
      'recommendations.0.recommendation',
    ]);
    expect(asbCaseCommandSchema.parse({ ...apply, procedure: undefined })).toMatchObject({ procedure: statutoryProcedure });
  });
});
