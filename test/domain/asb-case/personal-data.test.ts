import { describe, expect, it } from 'vitest';
import { asbCaseDecider } from '../../../src/domain/asb-case/decider.js';
import { type AsbCaseEvent, asbCaseEventSchema } from '../../../src/domain/asb-case/events.js';
import { ageBandOf, isChild, personCarriedBy, personRecordSchema } from '../../../src/domain/asb-case/personal-data.js';
import { complaintsOfCase, type OpenedAsbCase } from '../../../src/domain/asb-case/state.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { givenWhenThen } from '../../support/given-when-then.js';
import { details, history, megan, now, person } from './history.js';

const given = givenWhenThen(asbCaseDecider);
const asbCase = (events: readonly AsbCaseEvent[]) => fold(asbCaseDecider, events) as OpenedAsbCase & { opened: true };

const CARRIERS = ['VictimRecorded', 'WitnessRecorded', 'SubjectRecorded', 'PersonalDetailsCorrected'];

/** Every value of every person's details in the story: none may appear outside a `person` field. */
const identifying = Object.values(details).flatMap((d) => Object.values(d));

/** A case's events with more in them: a correction, a referral, an application, a breach. */
const everyKind: AsbCaseEvent[] = [
  ...history.intervened,
  { type: 'PersonalDetailsCorrected', person: { personId: person.dean, details: { ...details.dean, phone: '07700 900789' } }, correctedOn: '2026-10-30' },
  { type: 'ReferralMade', referralId: 'ref-1', service: 'youth-services', personId: person.jayden, referredOn: '2026-10-02', reason: 'Diversion from the group.' },
  { type: 'BreachRecorded', breachId: 'b1', interventionId: 'abc-jayden', occurredOn: '2026-10-10', description: 'On Airedale Road after 6 pm.' },
  {
    type: 'CaseReviewRequested',
    applicationId: 'ct-1',
    appliedOn: '2026-11-02',
    applicantPersonId: person.doreen,
    madeBy: 'victim',
    complaints: complaintsOfCase(asbCase(history.intervened)),
    procedure: { qualifyingComplaints: 3, individualsOrHouseholds: { enabled: false, count: 5 }, hateIncident: { enabled: false, count: 1 }, linkedLocation: { enabled: false, incidents: 5, reporters: 2 } },
    thresholdShown: { met: true, routesMet: ['qualifying-complaints'], countedComplaintIds: [] },
  },
];

describe('personal data', () => {
  it('is carried by four events only, each in its person field, in the one shape', () => {
    const carriers = asbCaseEventSchema.options.filter((option) => 'person' in option.shape).map((option) => option.shape.type.value);
    expect(carriers.sort()).toEqual([...CARRIERS].sort());
    for (const option of asbCaseEventSchema.options) {
      if ('person' in option.shape) expect(option.shape.person, option.shape.type.value).toBe(personRecordSchema);
    }
  });

  it('appears nowhere else in a case’s events', () => {
    for (const event of everyKind) {
      const { person: _person, ...rest } = event as AsbCaseEvent & { person?: unknown };
      const text = JSON.stringify(rest);
      for (const value of identifying) expect(text, `${event.type} carries “${value}” outside its person field`).not.toContain(value);
      expect(personCarriedBy(event) !== null, event.type).toBe(CARRIERS.includes(event.type));
    }
  });

  it('is found again by the one reader', () => {
    expect(personCarriedBy(history.withParties[2]!)).toEqual({ personId: person.doreen, details: details.doreen });
    expect(personCarriedBy(history.intervened.at(-1)!)).toBeNull();
  });

  it('once erased, leaves the rules what they need and no more', () => {
    // What crypto-shredding leaves: the events, with the person's details unreadable.
    const erased = everyKind.map((event) => (personCarriedBy(event)?.personId === person.kyle ? { ...event, person: { personId: person.kyle, details: { name: '[erased]' } } } : event));
    const state = asbCase(erased);
    expect(state.people.get(person.kyle)).toEqual({ name: '[erased]' });
    expect(state.subjects.get(person.kyle)).toMatchObject({ ageBand: '16-17' });
    expect(state.interventions.get('cpw-kyle')).toMatchObject({ subjectAgeBandOnIssue: '16-17' });
    expect(state.incidents.get('inc-2')!.subjectPersonIds).toEqual([person.kyle]);
    // The Act's age rules cannot be shown met without the date of birth: a new CPN is refused, not guessed.
    given(erased)
      .when({ type: 'RecordIntervention', interventionId: 'cpn-kyle', kind: 'community-protection-notice', subjectPersonId: person.kyle, issuingAgencyId: 'council', issuingAgencyKind: 'council', issuedOn: '2026-11-01', terms: 'x' }, megan, now)
      .thenViolates('SUBJECT_AGE_UNKNOWN');
  });
});

describe('age bands', () => {
  it('cut where the Act’s limits do: 10, 16 and 18', () => {
    expect([0, 9, 10, 15, 16, 17, 18, 80].map(ageBandOf)).toEqual(['under-10', 'under-10', '10-15', '10-15', '16-17', '16-17', '18-plus', '18-plus']);
    expect((['under-10', '10-15', '16-17', '18-plus', 'unknown'] as const).map(isChild)).toEqual([true, true, true, false, false]);
  });
});
