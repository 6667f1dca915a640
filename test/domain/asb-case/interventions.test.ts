import { describe, expect, it } from 'vitest';
import { type AsbCaseCommandOf, asbCaseCommandSchema } from '../../../src/domain/asb-case/commands.js';
import { asbCaseDecider } from '../../../src/domain/asb-case/decider.js';
import type { AsbCaseEvent } from '../../../src/domain/asb-case/events.js';
import { escalationLadder, lastDayInForce } from '../../../src/domain/asb-case/interventions.js';
import type { OpenedAsbCase } from '../../../src/domain/asb-case/state.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { givenWhenThen } from '../../support/given-when-then.js';
import { history, james, megan, now, person } from './history.js';

const given = givenWhenThen(asbCaseDecider);
const asbCase = (events: readonly AsbCaseEvent[]) => fold(asbCaseDecider, events) as OpenedAsbCase & { opened: true };

type Record = AsbCaseCommandOf<'RecordIntervention'>;
const record = (fields: Partial<Record> & Pick<Record, 'interventionId' | 'kind'>): Record => ({
  type: 'RecordIntervention',
  issuingAgencyId: 'council',
  issuingAgencyKind: 'council',
  issuedOn: '2026-10-20',
  terms: 'Terms as read to the subject.',
  ...fields,
});

/** Subjects whose birthdays fall on the days the Act's limits turn on. */
const ellie = '6ce38495-a6b7-4c18-92d9-e3fa4b5c6d7e';
const ollie = '7df495a6-b7c8-4d29-a3ea-f4a5b6c7d8e9';
const unknown = '8e05a6b7-c8d9-4e3a-b4fb-a5b6c7d8e9fa';
const withMoreSubjects: AsbCaseEvent[] = [
  ...history.intervened,
  { type: 'SubjectRecorded', person: { personId: ellie, details: { name: 'Ellie Shaw', dateOfBirth: '2010-10-20' } }, recordedOn: '2026-09-30', ageBand: '10-15', ageBandEstimated: false },
  { type: 'SubjectRecorded', person: { personId: ollie, details: { name: 'Ollie Shaw', dateOfBirth: '2016-10-21' } }, recordedOn: '2026-09-30', ageBand: 'under-10', ageBandEstimated: false },
  { type: 'SubjectRecorded', person: { personId: unknown, details: { name: 'Lad in a red hoodie' } }, recordedOn: '2026-09-30', ageBand: '10-15', ageBandEstimated: true },
  {
    type: 'InterventionRecorded',
    interventionId: 'cpw-ellie',
    kind: 'community-protection-warning',
    subjectPersonId: ellie,
    issuingAgencyId: 'council',
    issuingAgencyKind: 'council',
    issuedOn: '2026-10-01',
    terms: 'Stop the noise at the shops.',
  },
  { type: 'InterventionRecorded', interventionId: 'cpw-unknown', kind: 'community-protection-warning', subjectPersonId: unknown, issuingAgencyId: 'council', issuingAgencyKind: 'council', issuedOn: '2026-10-01', terms: 'x' },
];

const cpn = record({ interventionId: 'cpn-kyle', kind: 'community-protection-notice', subjectPersonId: person.kyle, terms: 'Not to enter Airedale Road.' });

describe('recording an intervention', () => {
  it('records the issuing agency, the date, the terms and the expiry, with the subject’s age band on the day', () => {
    const cpw = history.intervened.at(-2)!;
    const { type: _type, subjectAgeBandOnIssue: _band, ...fields } = cpw as Extract<AsbCaseEvent, { type: 'InterventionRecorded' }>;
    given(history.assessed).when({ ...fields, type: 'RecordIntervention' }, megan, now).then([cpw]);
    expect(asbCase(history.intervened).interventions.get('cpw-kyle')).toMatchObject({ kind: 'community-protection-warning', issuedOn: '2026-09-25', expiresOn: '2026-10-25', breaches: [] });
  });

  it('knows the escalation ladder, lightest first', () => {
    expect(escalationLadder).toEqual([
      'verbal-warning',
      'warning-letter',
      'mediation',
      'acceptable-behaviour-contract',
      'parenting-contract',
      'community-protection-warning',
      'community-protection-notice',
      'fixed-penalty-notice',
      'civil-injunction',
      'criminal-behaviour-order',
      'closure-notice',
      'closure-order',
      'dispersal-direction',
      'public-spaces-protection-order',
    ]);
  });

  it('records one intervention under an id, for a subject on the case, once issued', () => {
    given(history.intervened).when(record({ interventionId: 'cpw-kyle', kind: 'verbal-warning', subjectPersonId: person.dean }), megan, now).thenViolates('INTERVENTION_ALREADY_RECORDED');
    given(history.intervened).when(record({ interventionId: 'vw-1', kind: 'verbal-warning', subjectPersonId: person.doreen }), megan, now).thenViolates('SUBJECT_NOT_FOUND');
    given(history.intervened).when(record({ interventionId: 'vw-1', kind: 'verbal-warning', subjectPersonId: person.dean, issuedOn: '2026-11-25' }), megan, now).thenViolates('DATE_IN_FUTURE', 'The intervention (2026-11-25)');
    given(history.intervened)
      .when(record({ interventionId: 'fpn-1', kind: 'fixed-penalty-notice', subjectPersonId: person.kyle, followsInterventionId: 'cpn-kyle' }), megan, now)
      .thenViolates('INTERVENTION_NOT_FOUND');
  });

  it('records the age band only when the date of birth is known, and needs none where the Act does not ask', () => {
    const [event] = asbCaseDecider.decide(record({ interventionId: 'vw-1', kind: 'verbal-warning', subjectPersonId: unknown }), asbCase(withMoreSubjects), { actor: megan, now });
    expect(event).not.toHaveProperty('subjectAgeBandOnIssue');
  });
});

describe('a community protection notice', () => {
  it('follows a written warning to the same subject, aged 16 or more, from police, council or a designated landlord', () => {
    given(history.intervened).when(cpn, megan, now).then([{ ...cpn, type: 'InterventionRecorded', subjectAgeBandOnIssue: '16-17' }]);
    given(history.intervened).when({ ...cpn, issuingAgencyId: 'police', issuingAgencyKind: 'police' }, james, now).then([{ ...cpn, type: 'InterventionRecorded', issuingAgencyId: 'police', issuingAgencyKind: 'police', subjectAgeBandOnIssue: '16-17' }]);
    expect(() => asbCaseDecider.decide({ ...cpn, issuingAgencyId: 'housing', issuingAgencyKind: 'designated-landlord' }, asbCase(history.intervened), { actor: megan, now })).not.toThrow();
  });

  it('needs a prior written warning: CPN_NEEDS_PRIOR_WARNING', () => {
    given(history.intervened).when({ ...cpn, subjectPersonId: person.dean }, megan, now).thenViolates('CPN_NEEDS_PRIOR_WARNING', 'needs a written warning (a CPW) given to the subject before 2026-10-20');
    // A warning given the same day leaves no time to comply.
    given(history.intervened).when({ ...cpn, issuedOn: '2026-09-25' }, megan, now).thenViolates('CPN_NEEDS_PRIOR_WARNING');
    // Another subject's warning is not this one's.
    given(history.intervened).when({ ...cpn, subjectPersonId: person.jayden }, megan, now).thenViolates('CPN_NEEDS_PRIOR_WARNING');
  });

  it('is for a subject aged 16 or more on the day: CPN_SUBJECT_UNDER_16', () => {
    // Ellie turns 16 on 20 October 2026.
    given(withMoreSubjects).when({ ...cpn, subjectPersonId: ellie, issuedOn: '2026-10-19' }, megan, now).thenViolates('CPN_SUBJECT_UNDER_16', 'the subject is under 16 on 2026-10-19');
    given(withMoreSubjects).when({ ...cpn, subjectPersonId: ellie, issuedOn: '2026-10-20' }, megan, now).then([{ ...cpn, subjectPersonId: ellie, issuedOn: '2026-10-20', type: 'InterventionRecorded', subjectAgeBandOnIssue: '16-17' }]);
  });

  it('is issued by police, the council or a designated landlord: CPN_ISSUER_NOT_EMPOWERED', () => {
    given(history.intervened).when({ ...cpn, issuingAgencyId: 'housing', issuingAgencyKind: 'housing-provider' }, megan, now).thenViolates('CPN_ISSUER_NOT_EMPOWERED', 'not by housing (housing provider)');
    given(history.intervened).when({ ...cpn, issuingAgencyId: 'youth', issuingAgencyKind: 'youth-services' }, megan, now).thenViolates('CPN_ISSUER_NOT_EMPOWERED');
  });

  it('needs the subject’s date of birth: SUBJECT_AGE_UNKNOWN', () => {
    given(withMoreSubjects).when({ ...cpn, subjectPersonId: unknown }, megan, now).thenViolates('SUBJECT_AGE_UNKNOWN', 'record the subject’s date of birth first');
  });
});

describe('a civil injunction', () => {
  const injunction = record({ interventionId: 'inj-1', kind: 'civil-injunction', subjectPersonId: person.jayden, issuingAgencyId: 'housing', issuingAgencyKind: 'housing-provider', issuedOn: '2026-11-02', expiresOn: '2027-11-01' });

  it('binds a respondent under 18 for 12 months at most: INJUNCTION_TOO_LONG_FOR_UNDER_18', () => {
    given(history.intervened).when(injunction, megan, now).then([{ ...injunction, type: 'InterventionRecorded', subjectAgeBandOnIssue: '10-15' }]);
    given(history.intervened).when({ ...injunction, expiresOn: '2027-11-02' }, megan, now).thenViolates('INJUNCTION_TOO_LONG_FOR_UNDER_18', 'must expire by 2027-11-01, not 2027-11-02');
    given(history.intervened).when({ ...injunction, expiresOn: undefined }, megan, now).thenViolates('INJUNCTION_TOO_LONG_FOR_UNDER_18', 'and needs an expiry');
  });

  it('may bind an adult with no end date', () => {
    expect(() => asbCaseDecider.decide({ ...injunction, subjectPersonId: person.dean, expiresOn: undefined }, asbCase(history.intervened), { actor: megan, now })).not.toThrow();
  });

  it('is granted against a respondent aged 10 or more: INJUNCTION_RESPONDENT_UNDER_10', () => {
    // Ollie turns 10 on 21 October 2026.
    given(withMoreSubjects).when({ ...injunction, subjectPersonId: ollie, issuedOn: '2026-10-20', expiresOn: '2027-04-20' }, megan, now).thenViolates('INJUNCTION_RESPONDENT_UNDER_10', 'the subject is under 10 on 2026-10-20');
    expect(() => asbCaseDecider.decide({ ...injunction, subjectPersonId: ollie, issuedOn: '2026-10-21', expiresOn: '2027-04-20' }, asbCase(withMoreSubjects), { actor: megan, now })).not.toThrow();
  });

  it('needs the respondent’s date of birth: SUBJECT_AGE_UNKNOWN', () => {
    given(withMoreSubjects).when({ ...injunction, subjectPersonId: unknown }, megan, now).thenViolates('SUBJECT_AGE_UNKNOWN');
  });
});

describe('a criminal behaviour order', () => {
  const cbo = record({ interventionId: 'cbo-1', kind: 'criminal-behaviour-order', subjectPersonId: person.dean, issuingAgencyId: 'police', issuingAgencyKind: 'police', issuedOn: '2026-11-10', expiresOn: '2028-11-09' });

  it('is made on a conviction: CBO_NEEDS_CONVICTION', () => {
    given(history.intervened).when(cbo, megan, now).thenViolates('CBO_NEEDS_CONVICTION', 'record the conviction it is made on');
    const conviction = { convictedOn: '2026-11-10', court: 'Wakefield Magistrates’ Court', offence: 'Criminal damage' };
    given(history.intervened).when({ ...cbo, conviction }, megan, now).then([{ ...cbo, conviction, type: 'InterventionRecorded', subjectAgeBandOnIssue: '18-plus' }]);
    given(history.intervened).when({ ...cbo, conviction: { ...conviction, convictedOn: '2026-11-11' } }, megan, now).thenViolates('CBO_NEEDS_CONVICTION', 'comes after the order');
  });
});

describe('a dispersal direction', () => {
  const dispersal = record({
    interventionId: 'disp-1',
    kind: 'dispersal-direction',
    issuingAgencyId: 'police',
    issuingAgencyKind: 'police',
    issuedOn: '2026-11-05',
    durationHours: 48,
    place: 'Airedale Road and the recreation ground',
    authorisation: { rank: 'inspector', officer: 'Insp. Rachel Okafor' },
    terms: 'Leave the area and do not return for 48 hours.',
  });

  it('lasts 48 hours at most on an inspector’s authorisation, with no subject needed', () => {
    given(history.intervened).when(dispersal, james, now).then([{ ...dispersal, type: 'InterventionRecorded' }]);
    given(history.intervened).when({ ...dispersal, durationHours: 49 }, james, now).thenViolates('DISPERSAL_TOO_LONG', 'lasts 48 hours at most, not 49');
  });

  it('needs an inspector or above: DISPERSAL_NEEDS_INSPECTOR', () => {
    given(history.intervened).when({ ...dispersal, authorisation: { rank: 'sergeant', officer: 'PS Sarah Khan' } }, james, now).thenViolates('DISPERSAL_NEEDS_INSPECTOR', 'not a sergeant');
    given(history.intervened).when({ ...dispersal, authorisation: undefined }, james, now).thenViolates('DISPERSAL_NEEDS_INSPECTOR', 'record who authorised it');
    expect(() => asbCaseDecider.decide({ ...dispersal, authorisation: { rank: 'superintendent', officer: 'Supt. Lee' } }, asbCase(history.intervened), { actor: james, now })).not.toThrow();
  });

  it('is the police’s: DISPERSAL_POLICE_ONLY', () => {
    given(history.intervened).when({ ...dispersal, issuingAgencyId: 'council', issuingAgencyKind: 'council' }, megan, now).thenViolates('DISPERSAL_POLICE_ONLY');
  });
});

describe('closure powers', () => {
  const notice = record({ interventionId: 'cn-1', kind: 'closure-notice', subjectPersonId: person.dean, issuingAgencyId: 'police', issuingAgencyKind: 'police', issuedOn: '2026-11-01', durationHours: 48 });
  const order = record({ interventionId: 'co-1', kind: 'closure-order', subjectPersonId: person.dean, issuedOn: '2026-11-01', expiresOn: '2027-01-31' });

  it('a closure notice lasts 48 hours at most: CLOSURE_NOTICE_TOO_LONG', () => {
    expect(() => asbCaseDecider.decide(notice, asbCase(history.intervened), { actor: james, now })).not.toThrow();
    given(history.intervened).when({ ...notice, durationHours: 72 }, james, now).thenViolates('CLOSURE_NOTICE_TOO_LONG', 'not 72');
  });

  it('a closure order lasts 3 months at most: CLOSURE_ORDER_TOO_LONG', () => {
    given(history.intervened).when(order, megan, now).then([{ ...order, type: 'InterventionRecorded', subjectAgeBandOnIssue: '18-plus' }]);
    given(history.intervened).when({ ...order, expiresOn: '2027-02-01' }, megan, now).thenViolates('CLOSURE_ORDER_TOO_LONG', 'must expire by 2027-01-31, not 2027-02-01');
    given(history.intervened).when({ ...order, expiresOn: undefined }, megan, now).thenViolates('CLOSURE_ORDER_TOO_LONG', 'needs an expiry');
  });
});

describe('a public spaces protection order', () => {
  const pspo = record({ interventionId: 'pspo-1', kind: 'public-spaces-protection-order', issuedOn: '2026-11-01', expiresOn: '2029-10-31', place: 'Castleford town centre', terms: 'No drinking alcohol in public when asked to stop.' });

  it('is the council’s, for 3 years at most', () => {
    given(history.intervened).when(pspo, megan, now).then([{ ...pspo, type: 'InterventionRecorded' }]);
    given(history.intervened).when({ ...pspo, expiresOn: '2029-11-01' }, megan, now).thenViolates('PSPO_TOO_LONG', 'must expire by 2029-10-31, not 2029-11-01');
    given(history.intervened).when({ ...pspo, expiresOn: undefined }, megan, now).thenViolates('PSPO_TOO_LONG');
    given(history.intervened).when({ ...pspo, issuingAgencyId: 'police', issuingAgencyKind: 'police' }, james, now).thenViolates('PSPO_COUNCIL_ONLY', 'is made by the council, not by police (police)');
  });
});

describe('checks at the edge', () => {
  const paths = (input: unknown) => asbCaseCommandSchema.safeParse(input).error!.issues.map((i) => [i.path.join('.'), i.message]);

  it('asks for a subject for a power over a person, hours for a dispersal or closure notice, an area for a dispersal or PSPO', () => {
    expect(paths(record({ interventionId: 'w', kind: 'warning-letter' }))).toEqual([['subjectPersonId', 'a warning letter is issued to a person: name the subject']]);
    expect(paths(record({ interventionId: 'd', kind: 'dispersal-direction' }))).toEqual([
      ['durationHours', 'say how many hours the dispersal direction lasts'],
      ['place', 'name the area the dispersal direction covers'],
    ]);
    expect(paths(record({ interventionId: 'p', kind: 'public-spaces-protection-order', expiresOn: '2026-10-19' }))).toEqual([
      ['place', 'name the area the public spaces protection order covers'],
      ['expiresOn', 'the expiry cannot come before the day it was issued'],
    ]);
  });

  it('names the agency kind and police rank it does not know', () => {
    expect(paths({ ...cpn, issuingAgencyKind: 'landlord', authorisation: { rank: 'detective', officer: 'x' } }).map(([path]) => path)).toEqual(['issuingAgencyKind', 'authorisation.rank']);
  });
});

describe('breaches', () => {
  const breach = { type: 'RecordBreach' as const, breachId: 'b1', interventionId: 'abc-jayden', occurredOn: '2026-10-10', description: 'On Airedale Road at 8 pm with the group.', response: 'Warning letter to his mother.' };

  it('are recorded against an intervention while it is in force', () => {
    given(history.intervened).when(breach, megan, now).then([{ ...breach, type: 'BreachRecorded' }]);
    const breached = [...history.intervened, { ...breach, type: 'BreachRecorded' as const }];
    expect(asbCase(breached).interventions.get('abc-jayden')!.breaches).toEqual([{ breachId: 'b1', interventionId: 'abc-jayden', occurredOn: '2026-10-10', description: breach.description, response: breach.response }]);
    given(breached).when({ ...breach, interventionId: 'cpw-kyle' }, megan, now).thenViolates('BREACH_ALREADY_RECORDED');
  });

  it('come after the intervention and before its expiry', () => {
    given(history.intervened).when({ ...breach, occurredOn: '2026-09-27' }, megan, now).thenViolates('BREACH_BEFORE_INTERVENTION', 'was issued on 2026-09-28');
    given(history.intervened).when({ ...breach, interventionId: 'cpw-kyle', occurredOn: '2026-10-26' }, megan, now).thenViolates('BREACH_AFTER_EXPIRY', 'was in force to 2026-10-25');
    expect(() => asbCaseDecider.decide({ ...breach, interventionId: 'cpw-kyle', occurredOn: '2026-10-25' }, asbCase(history.intervened), { actor: megan, now })).not.toThrow();
  });

  it('of a power counted in hours, run to the day its hours run out', () => {
    const dispersal = { ...record({ interventionId: 'disp-1', kind: 'dispersal-direction', issuingAgencyKind: 'police', issuingAgencyId: 'police', issuedOn: '2026-11-05', durationHours: 48, place: 'Airedale Road', authorisation: { rank: 'inspector', officer: 'Insp. Okafor' } }) };
    const { type: _type, ...fields } = dispersal;
    const dispersed: AsbCaseEvent[] = [...history.intervened, { ...fields, type: 'InterventionRecorded' }];
    expect(lastDayInForce(fields)).toBe('2026-11-07');
    expect(lastDayInForce({ issuedOn: '2026-11-05', durationHours: 12 })).toBe('2026-11-06');
    expect(lastDayInForce({ issuedOn: '2026-11-05' })).toBeNull();
    expect(() => asbCaseDecider.decide({ ...breach, interventionId: 'disp-1', occurredOn: '2026-11-07' }, asbCase(dispersed), { actor: megan, now })).not.toThrow();
    given(dispersed).when({ ...breach, interventionId: 'disp-1', occurredOn: '2026-11-08' }, megan, now).thenViolates('BREACH_AFTER_EXPIRY');
  });

  it('name an intervention and an incident on the case', () => {
    given(history.intervened).when({ ...breach, interventionId: 'cbo-1' }, megan, now).thenViolates('INTERVENTION_NOT_FOUND');
    given(history.intervened).when({ ...breach, incidentId: 'inc-9' }, megan, now).thenViolates('INCIDENT_NOT_FOUND');
    expect(() => asbCaseDecider.decide({ ...breach, incidentId: 'inc-3', occurredOn: '2026-10-03' }, asbCase(history.intervened), { actor: megan, now })).not.toThrow();
  });
});
