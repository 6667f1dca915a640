import { describe, expect, it } from 'vitest';
import { asbCaseDecider } from '../../../src/domain/asb-case/decider.js';
import type { AsbCaseEvent } from '../../../src/domain/asb-case/events.js';
import { caseReviewStatistics, enforcementCounts, interventionEffectiveness, periodOf, repeatVictims } from '../../../src/domain/asb-case/figures.js';
import type { InterventionKind } from '../../../src/domain/asb-case/interventions.js';
import type { AsbCaseState } from '../../../src/domain/asb-case/state.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { caseOpening, history, person } from './history.js';

const state = (events: readonly AsbCaseEvent[]): AsbCaseState => fold(asbCaseDecider, events);

function opened(reference: string): AsbCaseEvent {
  return { type: 'AsbCaseOpened', ...caseOpening, reference };
}

function intervention(interventionId: string, subjectPersonId: string, issuedOn: string, kind: InterventionKind = 'warning-letter', issuingAgencyId = 'council'): AsbCaseEvent {
  return { type: 'InterventionRecorded', interventionId, kind, subjectPersonId, issuingAgencyId, issuingAgencyKind: issuingAgencyId === 'police' ? 'police' : 'council', issuedOn, terms: 'x' };
}

function incident(incidentId: string, occurredOn: string, subjectPersonIds: string[]): AsbCaseEvent {
  return {
    type: 'IncidentReported',
    incidentId,
    occurredOn,
    where: { description: 'x' },
    category: 'nuisance',
    kind: 'rowdy-or-inconsiderate-behaviour',
    description: 'x',
    hateMotivation: [],
    subjectPersonIds,
    report: { reporter: { kind: 'anonymous' }, receivedBy: 'police', reportedOn: occurredOn },
  };
}

describe('periods', () => {
  it('are months, quarters, years and the April-to-March financial year', () => {
    expect(periodOf('2026-11-05', 'month')).toBe('2026-11');
    expect(periodOf('2026-11-05', 'quarter')).toBe('2026-Q4');
    expect(periodOf('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(periodOf('2026-11-05', 'year')).toBe('2026');
    expect(periodOf('2026-03-31', 'financial-year')).toBe('2025/26');
    expect(periodOf('2026-04-01', 'financial-year')).toBe('2026/27');
    expect(periodOf('2099-12-31', 'financial-year')).toBe('2099/00');
  });
});

describe('enforcement counts', () => {
  const other = state([
    opened('ASB-2026-0044'),
    intervention('cpw-1', person.dean, '2026-09-02', 'community-protection-warning'),
    intervention('cpw-2', person.kyle, '2026-09-30', 'community-protection-warning'),
    intervention('cpn-1', person.dean, '2026-10-15', 'community-protection-notice'),
    intervention('abc-1', person.jayden, '2026-10-20', 'acceptable-behaviour-contract', 'police'),
  ]);
  const cases = [state(history.intervened), other, { opened: false } as const];

  it('count interventions by issuing agency, kind and month, in the ladder’s order', () => {
    expect(enforcementCounts(cases)).toEqual([
      { period: '2026-09', agencyId: 'council', kind: 'community-protection-warning', count: 3 },
      { period: '2026-09', agencyId: 'police', kind: 'acceptable-behaviour-contract', count: 1 },
      { period: '2026-10', agencyId: 'council', kind: 'community-protection-notice', count: 1 },
      { period: '2026-10', agencyId: 'police', kind: 'acceptable-behaviour-contract', count: 1 },
    ]);
  });

  it('count by another period, and within days, an agency or kinds given', () => {
    expect(enforcementCounts(cases, { period: 'financial-year' })).toEqual([
      { period: '2026/27', agencyId: 'council', kind: 'community-protection-warning', count: 3 },
      { period: '2026/27', agencyId: 'council', kind: 'community-protection-notice', count: 1 },
      { period: '2026/27', agencyId: 'police', kind: 'acceptable-behaviour-contract', count: 2 },
    ]);
    expect(enforcementCounts(cases, { from: '2026-09-25', to: '2026-09-30', period: 'quarter' })).toEqual([
      { period: '2026-Q3', agencyId: 'council', kind: 'community-protection-warning', count: 2 },
      { period: '2026-Q3', agencyId: 'police', kind: 'acceptable-behaviour-contract', count: 1 },
    ]);
    expect(enforcementCounts(cases, { agencyId: 'police', period: 'year' })).toEqual([{ period: '2026', agencyId: 'police', kind: 'acceptable-behaviour-contract', count: 2 }]);
    expect(enforcementCounts(cases, { kinds: ['community-protection-notice'] })).toEqual([{ period: '2026-10', agencyId: 'council', kind: 'community-protection-notice', count: 1 }]);
  });
});

describe('intervention effectiveness', () => {
  const s = (n: string) => `${n}0000000-0000-4000-8000-000000000000`;
  const [a, b, c, d, e, f, g, h] = ['a', 'b', 'c', 'd', 'e', 'f', '9', '8'].map(s) as [string, string, string, string, string, string, string, string];
  // Worked by hand, as of 30 June 2026 with 90 days' follow-up:
  //  a: one warning on 10 Jan, nothing since                  -> stopped after 1
  //  b: 5 Jan, incident 1 Feb, 10 Feb, nothing since          -> stopped after 2
  //  c: 1 Jan, incident, 1 Feb, incident, 1 Mar (other case)  -> stopped after 3
  //  d: three interventions, an incident after each           -> not stopped
  //  e: one on 1 Jun, nothing since: 29 days                  -> too recent to judge
  //  f: two on 1 Feb (one step), incident 1 Mar               -> not stopped at 1
  //  g: one on 1 Mar, the incident it answered the same day   -> stopped after 1
  //  h: one on 5 Jul, after the day described                 -> not seen
  const first = state([
    opened('ASB-2026-0001'),
    intervention('a1', a, '2026-01-10'),
    intervention('b1', b, '2026-01-05'),
    incident('b-i1', '2026-02-01', [b]),
    intervention('b2', b, '2026-02-10', 'acceptable-behaviour-contract'),
    intervention('c1', c, '2026-01-01'),
    incident('c-i1', '2026-01-15', [c]),
    intervention('c2', c, '2026-02-01', 'acceptable-behaviour-contract'),
    incident('c-i2', '2026-02-20', [c, d]),
    intervention('d1', d, '2026-01-01'),
    incident('d-i1', '2026-01-20', [d]),
    intervention('d2', d, '2026-02-01'),
    intervention('d3', d, '2026-03-10', 'community-protection-warning'),
    incident('d-i3', '2026-04-01', [d]),
    intervention('e1', e, '2026-06-01'),
    intervention('f1', f, '2026-02-01'),
    intervention('f2', f, '2026-02-01', 'acceptable-behaviour-contract'),
    incident('f-i1', '2026-03-01', [f]),
    incident('g-i1', '2026-03-01', [g]),
    intervention('g1', g, '2026-03-01'),
    intervention('h1', h, '2026-07-05'),
  ]);
  const second = state([opened('ASB-2026-0002'), intervention('c3', c, '2026-03-01', 'community-protection-warning'), incident('h-i1', '2026-07-06', [a])]);

  it('gives, step by step, the share who stopped and the briefing’s cumulative figure', () => {
    const figure = interventionEffectiveness([first, second], { asOf: '2026-06-30' });
    expect(figure).toEqual({
      asOf: '2026-06-30',
      followUpDays: 90,
      subjects: 7,
      steps: [
        { step: 1, reached: 7, tooRecent: 1, judged: 6, stopped: 2, share: 2 / 6, stoppedByThen: 2, cumulativeShare: 2 / 6 },
        { step: 2, reached: 3, tooRecent: 0, judged: 3, stopped: 1, share: 1 / 3, stoppedByThen: 3, cumulativeShare: 3 / 6 },
        { step: 3, reached: 2, tooRecent: 0, judged: 2, stopped: 1, share: 1 / 2, stoppedByThen: 4, cumulativeShare: 4 / 6 },
      ],
    });
  });

  it('judges a recent intervention once the follow-up has run', () => {
    const later = interventionEffectiveness([first, second], { asOf: '2026-08-30' });
    // e is judged now (stopped); h's 5 July is too recent; a's incident of 6 July undoes a's stop.
    expect(later.steps[0]).toMatchObject({ reached: 8, tooRecent: 1, judged: 7, stopped: 2 });
    expect(interventionEffectiveness([first, second], { asOf: '2026-06-30', followUpDays: 28 }).steps[0]).toMatchObject({ tooRecent: 0, judged: 7, stopped: 3 });
  });

  it('answers nothing rather than divide by nothing', () => {
    expect(interventionEffectiveness([], { asOf: '2026-06-30', steps: 2 })).toEqual({
      asOf: '2026-06-30',
      followUpDays: 90,
      subjects: 0,
      steps: [
        { step: 1, reached: 0, tooRecent: 0, judged: 0, stopped: 0, share: null, stoppedByThen: 0, cumulativeShare: null },
        { step: 2, reached: 0, tooRecent: 0, judged: 0, stopped: 0, share: null, stoppedByThen: 0, cumulativeShare: null },
      ],
    });
  });
});

describe('case review statistics', () => {
  const events: AsbCaseEvent[] = [
    ...history.intervened,
    { type: 'CaseReviewRequested', applicationId: 'ct-1', appliedOn: '2026-10-01', applicantPersonId: person.doreen, madeBy: 'victim', complaints: [], procedure: { qualifyingComplaints: 3, individualsOrHouseholds: { enabled: false, count: 5 }, hateIncident: { enabled: false, count: 1 }, linkedLocation: { enabled: false, incidents: 5, reporters: 2 } }, thresholdShown: { met: true, routesMet: ['qualifying-complaints'], countedComplaintIds: [] } },
    { type: 'CaseReviewDecided', applicationId: 'ct-1', decidedOn: '2026-10-05', thresholdMet: true, basis: 'qualifying-complaints', reason: 'x' },
    { type: 'CaseReviewHeld', applicationId: 'ct-1', heldOn: '2026-10-20', agencies: ['council'], findings: 'x', recommendations: [{ recommendationId: 'r1', toAgencyId: 'police', recommendation: 'x' }, { recommendationId: 'r2', toAgencyId: 'housing', recommendation: 'y' }] },
    { type: 'CaseReviewRequested', applicationId: 'ct-2', appliedOn: '2026-10-25', applicantPersonId: person.doreen, madeBy: 'victim', complaints: [], procedure: { qualifyingComplaints: 3, individualsOrHouseholds: { enabled: false, count: 5 }, hateIncident: { enabled: false, count: 1 }, linkedLocation: { enabled: false, incidents: 5, reporters: 2 } }, thresholdShown: { met: false, routesMet: [], countedComplaintIds: [] } },
    { type: 'CaseReviewDecided', applicationId: 'ct-2', decidedOn: '2026-11-02', thresholdMet: false, reason: 'x' },
    { type: 'CaseReviewAppealed', applicationId: 'ct-2', appealedOn: '2026-11-03', against: 'decision', grounds: 'x' },
  ];

  it('counts applications, thresholds met and not, reviews held and those with recommendations, within the period', () => {
    expect(caseReviewStatistics([state(events)], { from: '2026-10-01', to: '2026-10-31' })).toEqual({
      applications: 2,
      thresholdMet: 1,
      thresholdNotMet: 0,
      reviewsHeld: 1,
      reviewsWithRecommendations: 1,
      recommendations: 2,
      appeals: 0,
      appealsUpheld: 0,
    });
    expect(caseReviewStatistics([state(events)], { from: '2026-11-01', to: '2026-11-30' })).toMatchObject({ applications: 0, thresholdNotMet: 1, appeals: 1 });
  });
});

describe('repeat victims', () => {
  it('are the same person, or the same household, on more than one case', () => {
    const again = state([
      opened('ASB-2026-0050'),
      { type: 'VictimRecorded', person: { personId: person.doreen, details: { name: 'Doreen Walsh' } }, householdKey: 'uprn-100050512345', recordedOn: '2026-11-01' },
    ]);
    const neighbour = state([
      opened('ASB-2026-0051'),
      { type: 'VictimRecorded', person: { personId: person.imran, details: { name: 'Imran Siddiqui' } }, householdKey: 'uprn-100050512345', recordedOn: '2026-11-02' },
    ]);
    expect(repeatVictims([state(history.intervened), again, neighbour])).toEqual([
      { by: 'person', key: person.doreen, cases: ['ASB-2026-0031', 'ASB-2026-0050'] },
      { by: 'household', key: 'uprn-100050512345', cases: ['ASB-2026-0031', 'ASB-2026-0050', 'ASB-2026-0051'] },
    ]);
  });
});
