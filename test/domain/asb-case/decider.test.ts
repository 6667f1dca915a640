import { describe, expect, it } from 'vitest';
import { type AsbCaseCommand, asbCaseCommandSchema } from '../../../src/domain/asb-case/commands.js';
import { asbCaseDecider, asbCaseRuleCodes } from '../../../src/domain/asb-case/decider.js';
import { type AsbCaseEvent, asbCaseEventSchema } from '../../../src/domain/asb-case/events.js';
import { agenciesOnCase, type OpenedAsbCase } from '../../../src/domain/asb-case/state.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { formatReference } from '../../../src/domain/shared/reference-book.js';
import { givenWhenThen } from '../../support/given-when-then.js';
import { by, caseOpening, details, fireworksIncident, history, james, megan, now, olivia, person, priya, sarah } from './history.js';

const given = givenWhenThen(asbCaseDecider);
const asbCase = (events: readonly AsbCaseEvent[]) => fold(asbCaseDecider, events) as OpenedAsbCase & { opened: true };
const decide = (command: AsbCaseCommand, events: readonly AsbCaseEvent[], actor = megan) => asbCaseDecider.decide(command, asbCase(events), { actor, now });

const open = { type: 'OpenAsbCase' as const, ...caseOpening };
const newcomer = '5ac16273-8495-4fa6-90b7-c1d82e93fa4b';
const actionId = '7d1f6c2a-3b4e-4f5a-8b6c-9d0e1f2a3b4c';
const planId = '5b1c9e4d-2f3a-4b5c-8d6e-7f8091a2b3c4';

const reportStones = {
  type: 'ReportIncident' as const,
  incidentId: 'inc-4',
  occurredOn: '2026-11-14',
  where: { description: 'Airedale Road', locationKey: 'airedale-road' },
  category: 'personal' as const,
  kind: 'criminal-damage-or-vandalism' as const,
  description: 'Stones at the front windows again.',
  hateMotivation: [],
  subjectPersonIds: [person.kyle],
  report: { reporter: { kind: 'person' as const, personId: person.doreen }, receivedBy: 'police', reportedOn: '2026-11-14' },
};
const close = {
  type: 'CloseAsbCase' as const,
  closedOn: '2026-11-19',
  outcome: 'resolved' as const,
  summary: 'No incident since the CPW and the ABC; the family moved to Pontefract.',
  victimSatisfaction: [{ personId: person.doreen, satisfaction: 'satisfied' as const, comment: 'Quiet since October.' }],
};
const closed: AsbCaseEvent[] = [
  ...history.intervened,
  { type: 'AsbCaseClosed', closedOn: close.closedOn, outcome: close.outcome, summary: close.summary, victimSatisfaction: close.victimSatisfaction },
];

describe('opening a case', () => {
  it('opens it for the owning agency, at its location, with nothing on it yet', () => {
    given([]).when(open, megan, now).then(history.opened);
    expect(asbCase(history.opened)).toMatchObject({
      reference: 'ASB-2026-0031',
      owningAgencyId: 'council',
      status: 'open',
      location: { description: 'Airedale Road shops and the houses opposite, Castleford', locationKey: 'airedale-road' },
      plan: null,
      closure: null,
    });
    expect(asbCase(history.opened).victims.size).toBe(0);
  });

  it('opens once', () => {
    given(history.opened).when(open, megan, now).thenViolates('ASB_CASE_ALREADY_OPENED', 'This case is already open as ASB-2026-0031.');
  });

  it('is opened by a partner for its own agency only; a coordinator opens one for any', () => {
    given([]).when(open, james, now).thenViolates('ASB_CASE_OWNER_ONLY', 'police cannot open one for council');
    given([]).when(open, sarah, now).then(history.opened);
  });

  it('refuses anything on a case never opened', () => {
    given([]).when(reportStones, sarah, now).thenViolates('ASB_CASE_NOT_OPENED', 'There is no such case: open it first.');
  });

  it('refuses an opening in the future', () => {
    given([]).when({ ...open, openedOn: '2026-11-22' }, megan, now).thenViolates('DATE_IN_FUTURE', 'The opening (2026-11-22) is in the future');
  });
});

describe('who may change a case', () => {
  const everything: AsbCaseCommand[] = [
    reportStones,
    { type: 'AddCasePartner', agencyId: 'housing' },
    { type: 'FlagPerson', personId: person.doreen, flag: 'vulnerable', reason: 'Lives alone, 78', flaggedOn: '2026-11-01' },
    close,
  ];

  it('refuses auditors everything, whatever the case’s state', () => {
    given([]).when(open, olivia, now).thenViolates('FORBIDDEN', 'Auditors read ASB cases; they change nothing.');
    for (const command of everything) {
      given(history.intervened).when(command, olivia, now).thenViolates('FORBIDDEN', 'Auditors read ASB cases; they change nothing.');
      given(closed).when(command, olivia, now).thenViolates('FORBIDDEN');
    }
  });

  it('refuses an agency that is not on the case', () => {
    given(history.intervened).when(reportStones, priya, now).thenViolates('ASB_CASE_NOT_ON_CASE', 'housing is not on ASB-2026-0031');
    given(history.opened).when(reportStones, james, now).thenViolates('ASB_CASE_NOT_ON_CASE', 'police is not on ASB-2026-0031');
  });

  it('lets a partner added to the case work on it', () => {
    expect(() => decide(reportStones, history.intervened, james)).not.toThrow();
  });

  it('keeps partners, the plan link, closing and reopening to the owner’s agency or a coordinator', () => {
    const ownerOnly: AsbCaseCommand[] = [
      { type: 'AddCasePartner', agencyId: 'housing' },
      { type: 'RemoveCasePartner', agencyId: 'police', reason: 'No longer patrolling.' },
      { type: 'LinkCaseToPlan', planId, linkedOn: '2026-11-01' },
      close,
    ];
    for (const command of ownerOnly) {
      given(history.intervened).when(command, james, now).thenViolates('ASB_CASE_OWNER_ONLY', 'Only council, which owns ASB-2026-0031, or a coordinator does this.');
      expect(() => decide(command, history.intervened, megan), command.type).not.toThrow();
      expect(() => decide(command, history.intervened, sarah), command.type).not.toThrow();
    }
    given(closed).when({ type: 'ReopenAsbCase', reason: 'New incident', reopenedOn: '2026-11-20' }, james, now).thenViolates('ASB_CASE_OWNER_ONLY');
  });
});

describe('agencies on the case', () => {
  it('are the owner, its partners and the agencies its actions are with', () => {
    expect([...agenciesOnCase(asbCase(history.opened))]).toEqual(['council']);
    expect([...agenciesOnCase(asbCase(history.withPolice))]).toEqual(['council', 'police']);
    const withAction = [...history.withPolice, ...decide({ type: 'LinkCaseAction', actionId, agencyId: 'housing', description: 'Fit a letterbox guard', dueOn: '2026-11-30' }, history.withPolice, sarah)];
    expect([...agenciesOnCase(asbCase(withAction))]).toEqual(['council', 'police', 'housing']);
    expect(() => decide(reportStones, [...withAction, ...history.withParties.slice(2)], priya)).not.toThrow();
  });

  it('lose an agency whose action is reassigned away, or who is removed as a partner', () => {
    const linked: AsbCaseEvent[] = [...history.intervened, { type: 'CaseActionLinked', actionId, agencyId: 'housing', description: 'Fit a letterbox guard', dueOn: '2026-11-30' }];
    const reassigned = [...linked, ...decide({ type: 'NoteCaseActionReassigned', actionId, agencyId: 'fire', previousAgencyId: 'housing' }, linked, sarah)];
    expect(agenciesOnCase(asbCase(reassigned)).has('housing')).toBe(false);
    given(reassigned).when(reportStones, priya, now).thenViolates('ASB_CASE_NOT_ON_CASE');
    const removed = [...history.intervened, ...decide({ type: 'RemoveCasePartner', agencyId: 'police', reason: 'Handed to the council alone.' }, history.intervened)];
    given(removed).when(reportStones, james, now).thenViolates('ASB_CASE_NOT_ON_CASE');
  });
});

describe('partners', () => {
  it('are added with a reason, once; the owner is on the case already', () => {
    given(history.opened)
      .when({ type: 'AddCasePartner', agencyId: 'police', reason: 'Reports to the police; the neighbourhood team patrols Airedale Road.' }, megan, now)
      .then(history.withPolice.slice(1));
    given(history.withPolice).when({ type: 'AddCasePartner', agencyId: 'police' }, megan, now).then([]);
    given(history.withPolice).when({ type: 'AddCasePartner', agencyId: 'council' }, megan, now).then([]);
  });

  it('are removed only when they are partners', () => {
    given(history.opened).when({ type: 'RemoveCasePartner', agencyId: 'police', reason: 'x' }, megan, now).thenViolates('CASE_PARTNER_NOT_FOUND', 'police is not a partner on ASB-2026-0031.');
    given(history.withPolice).when({ type: 'RemoveCasePartner', agencyId: 'police', reason: 'Handed over.' }, megan, now).then([{ type: 'CasePartnerRemoved', agencyId: 'police', reason: 'Handed over.' }]);
  });
});

describe('victims, witnesses and subjects', () => {
  it('records a victim with her personal details in the person field, and any flag she carries as its own event', () => {
    given(history.withPolice)
      .when(
        { type: 'RecordVictim', personId: person.doreen, details: details.doreen, householdKey: 'uprn-100050512345', recordedOn: '2026-09-11', flags: [{ flag: 'vulnerable', reason: 'Aged 78, lives alone.' }] },
        megan,
        now,
      )
      .then([
        { type: 'VictimRecorded', person: { personId: person.doreen, details: details.doreen }, householdKey: 'uprn-100050512345', recordedOn: '2026-09-11' },
        { type: 'PersonFlagged', personId: person.doreen, role: 'victim', flag: 'vulnerable', reason: 'Aged 78, lives alone.', flaggedOn: '2026-09-11' },
      ]);
  });

  it('keeps personal details in one place, apart from what the rules read', () => {
    const state = asbCase(history.withParties);
    expect(state.people.get(person.doreen)).toEqual(details.doreen);
    expect(state.victims.get(person.doreen)).toEqual({
      personId: person.doreen,
      householdKey: 'uprn-100050512345',
      recordedOn: '2026-09-11',
      flags: [],
      risk: { assessments: [], reviews: [], singlePointOfContact: null },
    });
    expect(state.subjects.get(person.kyle)).toEqual({ personId: person.kyle, householdKey: 'uprn-100050599999', recordedOn: '2026-09-12', ageBand: '16-17', ageBandEstimated: false });
    expect(JSON.stringify([...state.victims.values(), ...state.witnesses.values(), ...state.subjects.values()])).not.toMatch(/Walsh|Barker|Siddiqui|Airedale|Ferry Lane|1948|2010-05-20/);
  });

  it('works out a subject’s age band from the date of birth on the day recorded, or takes an estimate when there is none', () => {
    const record = { type: 'RecordSubject' as const, personId: newcomer, details: { name: 'Tyler Ward', dateOfBirth: '2010-11-21' }, recordedOn: '2026-11-20' };
    given(history.withParties).when(record, megan, now).then([{ type: 'SubjectRecorded', person: { personId: newcomer, details: record.details }, recordedOn: '2026-11-20', ageBand: '10-15', ageBandEstimated: false }]);
    given(history.withParties)
      .when({ ...record, details: { name: 'Tyler Ward', dateOfBirth: '2010-11-20' } }, megan, now)
      .then([{ type: 'SubjectRecorded', person: { personId: newcomer, details: { name: 'Tyler Ward', dateOfBirth: '2010-11-20' } }, recordedOn: '2026-11-20', ageBand: '16-17', ageBandEstimated: false }]);
    given(history.withParties)
      .when({ ...record, details: { name: 'Tall lad in a red hoodie' }, estimatedAgeBand: '10-15' }, megan, now)
      .then([{ type: 'SubjectRecorded', person: { personId: newcomer, details: { name: 'Tall lad in a red hoodie' } }, recordedOn: '2026-11-20', ageBand: '10-15', ageBandEstimated: true }]);
    given(history.withParties)
      .when({ ...record, details: { name: 'Unknown' } }, megan, now)
      .then([{ type: 'SubjectRecorded', person: { personId: newcomer, details: { name: 'Unknown' } }, recordedOn: '2026-11-20', ageBand: 'unknown', ageBandEstimated: false }]);
  });

  it('records a person once in each role, and in several roles (a counter-allegation)', () => {
    const again = { type: 'RecordVictim' as const, personId: person.doreen, details: details.doreen, recordedOn: '2026-10-01', flags: [] };
    given(history.withParties).when(again, megan, now).thenViolates('PERSON_ALREADY_RECORDED', `Person ${person.doreen} is already a victim on ASB-2026-0031: correct their details instead.`);
    given(history.withParties)
      .when({ type: 'RecordSubject', personId: person.imran, details: details.imran, recordedOn: '2026-10-05' }, megan, now)
      .then([{ type: 'SubjectRecorded', person: { personId: person.imran, details: details.imran }, recordedOn: '2026-10-05', ageBand: 'unknown', ageBandEstimated: false }]);
  });

  it('refuses a date of birth or a recording in the future', () => {
    given(history.withParties)
      .when({ type: 'RecordSubject', personId: newcomer, details: { name: 'X', dateOfBirth: '2027-01-01' }, recordedOn: '2026-11-20' }, megan, now)
      .thenViolates('DATE_IN_FUTURE', 'The date of birth');
    given(history.withParties).when({ type: 'RecordWitness', personId: newcomer, details: { name: 'X' }, recordedOn: '2026-12-01', flags: [] }, megan, now).thenViolates('DATE_IN_FUTURE');
  });

  it('corrects a person’s details, with a subject’s new age band on the day of correction', () => {
    const corrected = { ...details.dean, dateOfBirth: '2009-01-15' };
    given(history.withParties)
      .when({ type: 'CorrectPersonalDetails', personId: person.dean, details: corrected, correctedOn: '2026-11-01' }, megan, now)
      .then([{ type: 'PersonalDetailsCorrected', person: { personId: person.dean, details: corrected }, correctedOn: '2026-11-01', subjectAgeBand: '16-17' }]);
    const newPhone = { ...details.doreen, phone: '01977 555 099' };
    given(history.withParties)
      .when({ type: 'CorrectPersonalDetails', personId: person.doreen, details: newPhone, correctedOn: '2026-11-01' }, megan, now)
      .then([{ type: 'PersonalDetailsCorrected', person: { personId: person.doreen, details: newPhone }, correctedOn: '2026-11-01' }]);
    const events = [...history.withParties, ...decide({ type: 'CorrectPersonalDetails', personId: person.dean, details: corrected, correctedOn: '2026-11-01' }, history.withParties)];
    expect(asbCase(events).people.get(person.dean)).toEqual(corrected);
    expect(asbCase(events).subjects.get(person.dean)).toMatchObject({ ageBand: '16-17', ageBandEstimated: false });
  });

  it('records nothing for the same details, and refuses a person not on the case', () => {
    given(history.withParties).when({ type: 'CorrectPersonalDetails', personId: person.doreen, details: { ...details.doreen }, correctedOn: '2026-11-01' }, megan, now).then([]);
    given(history.withParties)
      .when({ type: 'CorrectPersonalDetails', personId: newcomer, details: { name: 'X' }, correctedOn: '2026-11-01' }, megan, now)
      .thenViolates('PERSON_NOT_ON_CASE', `Person ${newcomer} is not on ASB-2026-0031.`);
  });

  it('records nothing more about a person erased (their events read back with no details), in any role', () => {
    // What the store gives back once the person's key is destroyed: the event, with the person's details gone.
    const erased = history.withParties.map((event) => ('person' in event && event.person.personId === person.doreen ? { ...event, person: { personId: person.doreen, details: null } } : event));
    expect(asbCase(erased).people.get(person.doreen)).toBeNull();
    given(erased)
      .when({ type: 'CorrectPersonalDetails', personId: person.doreen, details: details.doreen, correctedOn: '2026-11-01' }, megan, now)
      .thenViolates('PERSON_ERASED', `Person ${person.doreen} on ASB-2026-0031 has been erased: nothing more can be recorded about them.`);
    given(erased).when({ type: 'RecordWitness', personId: person.doreen, details: { name: 'Doreen' }, recordedOn: '2026-11-01', flags: [] }, megan, now).thenViolates('PERSON_ERASED');
  });
});

describe('flagging a victim or witness', () => {
  const flag = { type: 'FlagPerson' as const, personId: person.imran, flag: 'intimidated' as const, reason: 'Followed home after giving a statement.', flaggedOn: '2026-10-05' };

  it('flags a witness intimidated', () => {
    given(history.withParties).when(flag, james, now).then([{ type: 'PersonFlagged', personId: person.imran, role: 'witness', flag: 'intimidated', reason: 'Followed home after giving a statement.', flaggedOn: '2026-10-05' }]);
    const events = [...history.withParties, ...decide(flag, history.withParties, james)];
    expect(asbCase(events).witnesses.get(person.imran)!.flags).toEqual([{ flag: 'intimidated', reason: 'Followed home after giving a statement.', flaggedOn: '2026-10-05' }]);
  });

  it('records nothing when the flag is already there', () => {
    const events = [...history.withParties, ...decide(flag, history.withParties, james)];
    given(events).when({ ...flag, reason: 'Again' }, james, now).then([]);
  });

  it('is for victims and witnesses, not subjects or strangers', () => {
    given(history.withParties).when({ ...flag, personId: person.kyle }, james, now).thenViolates('PERSON_NOT_FLAGGABLE', 'victims and witnesses are flagged');
    given(history.withParties).when({ ...flag, personId: newcomer }, james, now).thenViolates('PERSON_NOT_ON_CASE');
  });
});

describe('incidents', () => {
  it('records what, when, where, who reported it and to which agency', () => {
    given(history.intervened)
      .when(reportStones, james, now)
      .then([{ ...reportStones, type: 'IncidentReported' }]);
    expect(asbCase(history.withIncidents).incidents.get('inc-2')).toMatchObject({ kind: 'criminal-damage-or-vandalism', occurredOn: '2026-09-20', reports: [{ receivedBy: 'council', reportedOn: '2026-09-21' }] });
  });

  it('keeps one incident reported to several agencies as one, with each report', () => {
    const toCouncil = { ...fireworksIncident, type: 'ReportIncident' as const, report: { reporter: { kind: 'person' as const, personId: person.doreen }, receivedBy: 'council', reportedOn: '2026-09-11' } };
    given(history.withIncidents.slice(0, -3)).when(toCouncil, megan, now).then([{ type: 'IncidentReportAdded', incidentId: 'inc-1', report: toCouncil.report }]);
    given(history.withIncidents).when(toCouncil, megan, now).then([]);
    expect(asbCase(history.withIncidents).incidents.get('inc-1')!.reports.map((r) => r.receivedBy)).toEqual(['police', 'council']);
  });

  it('refuses an incident id already used for another incident', () => {
    given(history.withIncidents).when({ ...reportStones, incidentId: 'inc-1' }, megan, now).thenViolates('INCIDENT_ID_TAKEN', 'The incident id "inc-1" is already a fireworks incident of 2026-09-10');
  });

  it('takes reports from victims and witnesses on the case, agency staff, or anonymously', () => {
    given(history.intervened).when({ ...reportStones, report: { ...reportStones.report, reporter: { kind: 'person', personId: person.kyle } } }, megan, now).thenViolates('INCIDENT_REPORTER_NOT_FOUND');
    expect(() => decide({ ...reportStones, report: { ...reportStones.report, reporter: { kind: 'agency-staff', agencyId: 'police' } } }, history.intervened)).not.toThrow();
    expect(() => decide({ ...reportStones, report: { ...reportStones.report, reporter: { kind: 'anonymous' } } }, history.intervened)).not.toThrow();
  });

  it('names only subjects on the case', () => {
    given(history.intervened).when({ ...reportStones, subjectPersonIds: [newcomer] }, megan, now).thenViolates('SUBJECT_NOT_FOUND', `Person ${newcomer} is not a subject on ASB-2026-0031`);
  });

  it('refuses an incident or a report in the future', () => {
    given(history.intervened).when({ ...reportStones, occurredOn: '2026-11-25', report: { ...reportStones.report, reportedOn: '2026-11-25' } }, megan, now).thenViolates('DATE_IN_FUTURE', 'The incident (2026-11-25)');
  });
});

describe('referrals', () => {
  const referral = { type: 'MakeReferral' as const, referralId: 'ref-1', service: 'family-intervention' as const, personId: person.jayden, referredOn: '2026-10-02', reason: 'Both boys out late every night; the family is known to children’s services.', toAgencyId: 'council' };

  it('refers a person on the case to a service', () => {
    given(history.intervened).when(referral, megan, now).then([{ ...referral, type: 'ReferralMade' }]);
    expect(asbCase([...history.intervened, { ...referral, type: 'ReferralMade' }]).referrals.get('ref-1')).toMatchObject({ service: 'family-intervention', personId: person.jayden });
  });

  it('refers once under an id, and only people on the case', () => {
    given([...history.intervened, { ...referral, type: 'ReferralMade' }]).when(referral, megan, now).thenViolates('REFERRAL_ALREADY_MADE');
    given(history.intervened).when({ ...referral, personId: newcomer }, megan, now).thenViolates('PERSON_NOT_ON_CASE');
  });

  it('knows the services of DOMAIN.md', () => {
    for (const service of ['marac', 'victim-support', 'family-intervention', 'mediation', 'youth-services', 'mental-health']) {
      expect(asbCaseCommandSchema.safeParse({ ...referral, service }).success, service).toBe(true);
    }
    expect(asbCaseCommandSchema.safeParse({ ...referral, service: 'probation' }).error!.issues.map((i) => i.path.join('.'))).toEqual(['service']);
  });
});

describe('linking to a plan', () => {
  it('links the case to the plan of the wider problem, and relinks naming the one replaced', () => {
    given(history.intervened)
      .when({ type: 'LinkCaseToPlan', planId, linkedOn: '2026-10-10', reason: 'Part of the bonfire-night plan' }, megan, now)
      .then([{ type: 'CaseLinkedToPlan', planId, linkedOn: '2026-10-10', reason: 'Part of the bonfire-night plan' }]);
    const linked: AsbCaseEvent[] = [...history.intervened, { type: 'CaseLinkedToPlan', planId, linkedOn: '2026-10-10' }];
    given(linked).when({ type: 'LinkCaseToPlan', planId, linkedOn: '2026-10-11' }, megan, now).then([]);
    const other = 'a5b6c7d8-e9f0-4a1b-8c2d-3e4f5a6b7c8d';
    given(linked).when({ type: 'LinkCaseToPlan', planId: other, linkedOn: '2026-10-12' }, megan, now).then([{ type: 'CaseLinkedToPlan', planId: other, linkedOn: '2026-10-12', previousPlanId: planId }]);
    expect(asbCase(linked).plan).toEqual({ planId, linkedOn: '2026-10-10' });
  });
});

describe('closing and reopening', () => {
  it('closes with an outcome and each victim’s satisfaction', () => {
    given(history.intervened).when(close, megan, now).then(closed.slice(-1));
    expect(asbCase(closed)).toMatchObject({ status: 'closed', closure: { outcome: 'resolved', victimSatisfaction: [{ personId: person.doreen, satisfaction: 'satisfied' }] } });
  });

  it('does not close without every victim’s satisfaction, naming victims by id only', () => {
    given(history.intervened).when({ ...close, victimSatisfaction: [] }, megan, now).thenViolates('CASE_SATISFACTION_MISSING', `1 victim has none (${person.doreen})`);
    given(history.intervened)
      .when({ ...close, victimSatisfaction: [...close.victimSatisfaction, { personId: person.imran, satisfaction: 'satisfied' }] }, megan, now)
      .thenViolates('VICTIM_NOT_FOUND');
    given(history.intervened)
      .when({ ...close, victimSatisfaction: [{ personId: person.doreen, satisfaction: 'not-contactable' }] }, megan, now)
      .then([{ ...close, type: 'AsbCaseClosed', victimSatisfaction: [{ personId: person.doreen, satisfaction: 'not-contactable' }] }]);
  });

  it('changes no more once closed, but hears a case review and its actions’ news', () => {
    given(closed).when(reportStones, megan, now).thenViolates('ASB_CASE_CLOSED', 'ASB-2026-0031 is closed: nothing changes on a closed case until it is reopened, with a reason.');
    given(closed).when(close, megan, now).thenViolates('ASB_CASE_CLOSED');
    expect(() => decide({ type: 'RequestCaseReview', applicationId: 'ct-1', appliedOn: '2026-11-20', applicantPersonId: person.doreen, madeBy: 'victim', complaints: [], procedure: { qualifyingComplaints: 3, individualsOrHouseholds: { enabled: false, count: 5 }, hateIncident: { enabled: false, count: 1 }, linkedLocation: { enabled: false, incidents: 5, reporters: 2 } } }, closed)).not.toThrow();
  });

  it('reopens a closed case with a reason, keeping the closure it had', () => {
    given(history.intervened).when({ type: 'ReopenAsbCase', reason: 'x', reopenedOn: '2026-11-20' }, megan, now).thenViolates('ASB_CASE_NOT_CLOSED');
    const reopened: AsbCaseEvent[] = [...closed, { type: 'AsbCaseReopened', reason: 'Stones at the window again on 19 November.', reopenedOn: '2026-11-20' }];
    given(closed).when({ type: 'ReopenAsbCase', reason: 'Stones at the window again on 19 November.', reopenedOn: '2026-11-20' }, megan, now).then(reopened.slice(-1));
    expect(asbCase(reopened)).toMatchObject({ status: 'open', closure: null, closures: [{ outcome: 'resolved' }], reopenings: [{ reopenedOn: '2026-11-20' }] });
    expect(() => decide(reportStones, reopened)).not.toThrow();
  });
});

describe('the case’s partner actions', () => {
  const link = { type: 'LinkCaseAction' as const, actionId, agencyId: 'fire', description: 'Fit a letterbox fire guard', dueOn: '2026-11-03' };
  const linked: AsbCaseEvent[] = [...history.intervened, { type: 'CaseActionLinked', actionId, agencyId: 'fire', description: 'Fit a letterbox fire guard', dueOn: '2026-11-03' }];

  it('are linked once, whatever the replays', () => {
    given(history.intervened).when(link, sarah, now).then(linked.slice(-1));
    given(linked).when(link, sarah, now).then([]);
  });

  it('follow their reassignments and outcomes, a replay changing nothing', () => {
    given(linked).when({ type: 'NoteCaseActionReassigned', actionId, agencyId: 'housing', previousAgencyId: 'fire' }, sarah, now).then([{ type: 'CaseActionReassigned', actionId, agencyId: 'housing' }]);
    given(linked).when({ type: 'NoteCaseActionReassigned', actionId, agencyId: 'housing', previousAgencyId: 'youth' }, sarah, now).then([]);
    given(linked).when({ type: 'NoteCaseActionOutcome', actionId, status: 'done', on: '2026-11-02' }, sarah, now).then([{ type: 'CaseActionOutcomeNoted', actionId, status: 'done', on: '2026-11-02' }]);
    given([...linked, { type: 'CaseActionOutcomeNoted', actionId, status: 'done', on: '2026-11-02' }]).when({ type: 'NoteCaseActionOutcome', actionId, status: 'done', on: '2026-11-02' }, sarah, now).then([]);
    given(history.intervened).when({ type: 'NoteCaseActionOutcome', actionId, status: 'done', on: '2026-11-02' }, sarah, now).thenViolates('CASE_ACTION_NOT_FOUND');
  });
});

describe('the fold', () => {
  it('rebuilds the case from its history', () => {
    const state = asbCase(history.intervened);
    expect([...state.victims.keys()]).toEqual([person.doreen]);
    expect([...state.witnesses.keys()]).toEqual([person.imran]);
    expect([...state.subjects.keys()]).toEqual([person.kyle, person.jayden, person.dean]);
    expect([...state.incidents.keys()]).toEqual(['inc-1', 'inc-2', 'inc-3']);
    expect([...state.interventions.keys()]).toEqual(['cpw-kyle', 'abc-jayden']);
    expect(state.victims.get(person.doreen)!.risk.assessments.map((a) => [a.assessedOn, a.level])).toEqual([
      ['2026-09-11', 'medium'],
      ['2026-09-22', 'high'],
    ]);
  });

  it('ignores an event it does not know, and anything before the opening', () => {
    expect(fold(asbCaseDecider, [...history.intervened, { type: 'SomethingFromTheFuture' } as unknown as AsbCaseEvent])).toEqual(fold(asbCaseDecider, history.intervened));
    expect(fold(asbCaseDecider, history.withParties.slice(2))).toEqual({ opened: false });
  });

  it('folds histories whose events all pass the event schema', () => {
    for (const event of [...closed, ...history.intervened]) {
      const result = asbCaseEventSchema.safeParse(event);
      expect(result.success, `${event.type}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });

  it('keeps each assessor as the events record them', () => {
    expect(history.assessed.filter((e) => e.type === 'VictimRiskAssessed').map((e) => (e as { assessor: unknown }).assessor)).toEqual([by.megan, by.megan]);
  });
});

describe('checks at the edge', () => {
  const paths = (input: unknown) => asbCaseCommandSchema.safeParse(input).error!.issues.map((i) => i.path.join('.'));

  it('names the field of a reference not in the ASB-yyyy-nnnn form', () => {
    const result = asbCaseCommandSchema.safeParse({ ...open, reference: 'PSP-2026-0007' });
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['reference', 'a case reference such as ASB-2026-0131']]);
  });

  it('takes the reference the year’s book formats', () => {
    expect(asbCaseCommandSchema.safeParse({ ...open, reference: formatReference('asbcase', 2026, 131) }).success).toBe(true);
  });

  it('names every field wrong at once on opening', () => {
    expect(paths({ ...open, title: ' ', owningAgencyId: 'Wakefield Council', location: { description: '' }, openedOn: '11/09/2026' })).toEqual(['title', 'owningAgencyId', 'location.description', 'openedOn']);
  });

  it('names the fields of personal details', () => {
    const record = { type: 'RecordVictim', personId: person.doreen, details: { name: '', dateOfBirth: '1948-02-30', phone: 'call me', email: 'doreen-at-home' }, recordedOn: '2026-09-11' };
    expect(paths(record)).toEqual(['details.name', 'details.dateOfBirth', 'details.phone', 'details.email']);
    expect(paths({ ...record, personId: 'doreen', details: details.doreen, householdKey: '14 Airedale Road' })).toEqual(['personId', 'householdKey']);
  });

  it('names the fields of an incident, a report before the incident among them', () => {
    expect(paths({ ...reportStones, time: '25:00', category: 'criminal', report: { ...reportStones.report, receivedBy: 'West Yorkshire Police' } })).toEqual(['time', 'category', 'report.receivedBy']);
    expect(paths({ ...reportStones, report: { ...reportStones.report, reportedOn: '2026-11-13' } })).toEqual(['report.reportedOn']);
    expect(paths({ ...reportStones, report: { ...reportStones.report, reporter: { kind: 'neighbour' } } })).toEqual(['report.reporter.kind']);
  });

  it('names the fields of a closure', () => {
    expect(paths({ ...close, outcome: 'sorted', victimSatisfaction: [{ personId: person.doreen, satisfaction: 'happy' }] })).toEqual(['outcome', 'victimSatisfaction.0.satisfaction']);
    expect(paths({ ...close, victimSatisfaction: [close.victimSatisfaction[0], close.victimSatisfaction[0]] })).toEqual(['victimSatisfaction']);
  });
});

describe('the rule codes', () => {
  it('are listed once each, for the API’s documentation', () => {
    expect(new Set(asbCaseRuleCodes).size).toBe(asbCaseRuleCodes.length);
    for (const code of ['CPN_NEEDS_PRIOR_WARNING', 'CASE_REVIEW_NOT_REQUESTED', 'RISK_ANSWERS_INCOMPLETE', 'ASB_CASE_CLOSED', 'FORBIDDEN', 'DATE_IN_FUTURE']) {
      expect(asbCaseRuleCodes).toContain(code);
    }
  });
});

describe('every rule code', () => {
  it('is tested, and every code a test expects is listed', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const dir = new URL('.', import.meta.url);
    const sources = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.test.ts')).map((f) => readFile(new URL(f, dir), 'utf8')));
    const text = sources.join('\n');
    const expected = new Set([...text.matchAll(/thenViolates\('([A-Z0-9_]+)'/g)].map((m) => m[1]!));
    for (const code of expected) expect(asbCaseRuleCodes, `${code} is thrown but not listed`).toContain(code);
    const untested = asbCaseRuleCodes.filter((code) => !text.includes(`'${code}'`));
    expect(untested).toEqual([]);
  });
});

describe('alerts to the agencies on the case', () => {
  const acknowledge = (alertId: string) => ({ type: 'AcknowledgeAlert' as const, alertId });

  it('raises one when a victim is assessed high, to exactly the agencies on the case at that moment', () => {
    expect(asbCase(history.withIncidents).alerts).toEqual([]);
    expect(asbCase(history.assessed).alerts).toEqual([
      { alertId: 'alert-1', personId: person.doreen, role: 'victim', reason: 'assessed-high', on: '2026-09-22', agencies: ['council', 'police'], acknowledgements: new Map() },
    ]);
  });

  it('is acknowledged by each agency for itself, once', () => {
    given(history.assessed)
      .when(acknowledge('alert-1'), james, now)
      .then([{ type: 'AlertAcknowledged', alertId: 'alert-1', agencyId: 'police', by: by.james, acknowledgedOn: '2026-11-20' }]);
    const acknowledged: AsbCaseEvent[] = [...history.assessed, { type: 'AlertAcknowledged', alertId: 'alert-1', agencyId: 'police', by: by.james, acknowledgedOn: '2026-11-20' }];
    given(acknowledged).when(acknowledge('alert-1'), sarah, now).then([]);
    expect([...asbCase(acknowledged).alerts[0]!.acknowledgements.keys()]).toEqual(['police']);
  });

  it('is not for an agency that joined the case after it was raised, nor is there an alert that was never raised', () => {
    const housingJoins: AsbCaseEvent[] = [...history.assessed, { type: 'CasePartnerAdded', agencyId: 'housing', reason: 'The family’s landlord.' }];
    given(housingJoins).when(acknowledge('alert-1'), priya, now).thenViolates('ALERT_NOT_FOR_AGENCY', 'went to council, police, not to housing');
    given(history.assessed).when(acknowledge('alert-2'), james, now).thenViolates('ALERT_NOT_FOUND');
  });
});

describe('the news of a closed case’s actions', () => {
  it('answers a link it already has with nothing, and refuses a new one', () => {
    const link = { type: 'LinkCaseAction' as const, actionId, agencyId: 'youth', description: 'Youth club places for the boys', dueOn: '2026-10-30' };
    const linkedThenClosed: AsbCaseEvent[] = [
      ...history.intervened,
      { type: 'CaseActionLinked', actionId, agencyId: 'youth', description: link.description, dueOn: link.dueOn },
      { type: 'AsbCaseClosed', closedOn: close.closedOn, outcome: close.outcome, summary: close.summary, victimSatisfaction: close.victimSatisfaction },
    ];
    given(linkedThenClosed).when(link, sarah, now).then([]);
    given(linkedThenClosed).when({ ...link, actionId: '7d1f6c2a-3b4e-4f5a-8b6c-9d0e1f2a3b4d' }, sarah, now).thenViolates('ASB_CASE_CLOSED');
  });
});
