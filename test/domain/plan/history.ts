/**
 * One plan's history, stage by stage, for given/when/then tests: bonfire-night
 * disorder at Thornes Park (seed 000: Bonfire Night mediators), raised by the
 * residents' association and a ward councillor.
 */
import type { Actor } from '../../../src/domain/shared/actor.js';
import type { PlanEvent } from '../../../src/domain/plan/events.js';

export const now = new Date('2026-11-23T12:00:00.000Z');

export const sarah: Actor = { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], displayName: 'PS Sarah Khan' };
export const rachel: Actor = { userId: 'rachel.okafor', agencyId: 'police', roles: ['supervisor'], displayName: 'Insp. Rachel Okafor' };
export const grace: Actor = { userId: 'grace.mensah', agencyId: 'youth', roles: ['partner'], displayName: 'Grace Mensah' };
export const olivia: Actor = { userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'], displayName: 'Olivia Grant' };

export const residents = { partyId: 'thornes-tra', name: 'Thornes Park Residents’ Association', kind: 'community-group' as const };
export const councillor = { partyId: 'cllr-ahmed', name: 'Cllr Nadia Ahmed', kind: 'councillor' as const };

export const actionId = '7d1f6c2a-3b4e-4f5a-8b6c-9d0e1f2a3b4c';

const opened: PlanEvent[] = [
  {
    type: 'PlanOpened',
    reference: 'PSP-2026-0007',
    title: 'Bonfire night disorder at Thornes Park',
    description: 'Fireworks thrown at people and cars around the park in the fortnight before 5 November.',
    neighbourhoodId: '5b0e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    raisedBy: [residents, councillor],
    openedOn: '2026-09-01',
  },
];

const scanned: PlanEvent[] = [
  ...opened,
  { type: 'PlanOwnerAssigned', owner: { name: 'Grace Mensah', role: 'Detached youth worker', agencyId: 'youth' } },
  {
    type: 'ScanningRecorded',
    scanning: {
      initialIndicators: ['ASB calls up 60% in the last fortnight of October 2025'],
      description: 'Groups of young people throw fireworks at passers-by, buses and cars on Denby Dale Road.',
      where: 'Thornes Park and the Denby Dale Road entrance',
      when: '17:00-22:00, 20 October to 6 November',
      reportedBy: 'Residents, bus drivers, the ward councillor',
      sources: ['calls-for-service', 'community-engagement'],
      whyPrioritised: 'Voted the top priority at the September PACT meeting.',
    },
  },
];

const analysed: PlanEvent[] = [
  ...scanned,
  { type: 'PlanStageAdvanced', from: 'scanning', to: 'analysis' },
  {
    type: 'AnalysisRecorded',
    analysis: {
      problemMatrix: {
        what: 'Fireworks thrown at people and vehicles',
        offenders: 'Groups of 12-16 year olds, mostly local',
        victims: 'Passers-by, bus drivers, residents of the park edge',
        where: 'The Denby Dale Road entrance and the skate park',
        when: 'Evenings in the fortnight before 5 November',
        how: 'Fireworks bought locally or passed on by older siblings',
        howOften: 'Nightly at the peak',
        impact: 'Residents afraid to go out; one bus route withdrawn after dark',
        repeats: 'The same three streets every year',
      },
      triangle: {
        offender: { description: 'Bored young people with fireworks', handler: 'Parents, youth workers' },
        target: { description: 'People and cars on the park edge', guardian: 'Park wardens, bus operators' },
        place: { description: 'An unlit park entrance', manager: 'Wakefield Council parks' },
      },
      hypotheses: ['Nothing else to do on those evenings', 'Fireworks are sold to under-18s locally'],
      dataUsed: ['Police ASB calls 2023-2025', 'Council parks incident log', 'Bus operator incident reports'],
    },
  },
  {
    type: 'ObjectiveSet',
    objective: {
      objectiveId: 'fewer-calls',
      statement: 'Reduce firework ASB calls around the park',
      measure: 'ASB calls to police, 20 October to 6 November',
      baseline: 48,
      target: 24,
      direction: 'decrease',
      byDate: '2026-11-30',
      aim: { kind: 'reduce', byPercent: 50 },
    },
    revised: false,
  },
];

const responding: PlanEvent[] = [
  ...analysed,
  { type: 'PlanStageAdvanced', from: 'analysis', to: 'response' },
  { type: 'ResponseActionLinked', actionId, agencyId: 'youth', description: 'Diversionary events in the park on the four Fridays before bonfire night', dueOn: '2026-10-30' },
];

const assessing: PlanEvent[] = [
  ...responding,
  { type: 'PlanStageAdvanced', from: 'response', to: 'assessment' },
  { type: 'ResponseActionOutcomeNoted', actionId, status: 'done', on: '2026-10-30' },
  { type: 'ResultMeasured', objectiveId: 'fewer-calls', measuredOn: '2026-11-10', value: 19, comparisonAreaValue: 41 },
];

const conclusion = {
  concludedOn: '2026-11-15',
  impact: [{ objectiveId: 'fewer-calls', met: true, note: '19 calls against a target of 24 (baseline 48).' }],
  whatWorked: 'The Friday events drew the same groups away from the entrance.',
  whatDidNot: 'Test purchases found no under-age sales, so that hypothesis was wrong.',
  displacement: {
    temporal: { found: false, note: 'Calls after 6 November stayed at the usual level.' },
    spatial: { found: false, note: 'Holmfield Park and Pugneys calls did not rise.' },
    target: { found: false, note: 'No rise in attacks on other vehicles.' },
    tactical: { found: false, note: 'No shift to other missiles.' },
    offence: { found: false, note: 'Criminal damage in the ward unchanged.' },
  },
  diffusionOfBenefits: 'Calls also fell on the streets next to the park that the response did not cover.',
};

const concluded: PlanEvent[] = [
  ...assessing,
  { type: 'ResultsAnalysisConcluded', ...conclusion, process: { planned: 1, done: 1, doneLate: 0, cancelled: 0, stillOpen: 0, overdue: 0 } },
];

const proposed: PlanEvent[] = [
  ...concluded,
  { type: 'ClosureProposed', justification: 'Calls halved and the residents report a quiet bonfire night.', proposedOn: '2026-11-16' },
];

const signed: PlanEvent[] = [
  ...proposed,
  { type: 'ClosureSignedOff', partyId: 'thornes-tra', satisfied: true, comment: 'A much quieter year.', signedOn: '2026-11-18' },
  { type: 'ClosureSignedOff', partyId: 'cllr-ahmed', satisfied: true, comment: 'Keep the Friday events next year.', signedOn: '2026-11-19' },
];

const closed: PlanEvent[] = [...signed, { type: 'PlanClosed', closedOn: '2026-11-20', justification: 'Calls halved and the residents report a quiet bonfire night.' }];

export const history = { opened, scanned, analysed, responding, assessing, conclusion, concluded, proposed, signed, closed };
