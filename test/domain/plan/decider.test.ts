import { describe, expect, it } from 'vitest';
import { planCommandSchema } from '../../../src/domain/plan/commands.js';
import { planDecider } from '../../../src/domain/plan/decider.js';
import { closureStanding, evaluateProcess, nextReviewDue } from '../../../src/domain/plan/evaluation.js';
import type { PlanEvent } from '../../../src/domain/plan/events.js';
import type { OpenedPlan } from '../../../src/domain/plan/state.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { givenWhenThen } from '../../support/given-when-then.js';
import { actionId, councillor, grace, history, now, olivia, rachel, residents, sarah } from './history.js';

const given = givenWhenThen(planDecider);
const opened = (events: PlanEvent[]) => fold(planDecider, events) as OpenedPlan & { opened: true };

describe('opening a plan', () => {
  const open = {
    type: 'OpenPlan' as const,
    reference: 'PSP-2026-0007',
    title: 'Bonfire night disorder at Thornes Park',
    description: 'Fireworks thrown at people and cars around the park in the fortnight before 5 November.',
    neighbourhoodId: '5b0e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    raisedBy: [residents, councillor],
    openedOn: '2026-09-01',
  };

  it('opens in scanning with the parties who raised it', () => {
    given([]).when(open, sarah, now).then(history.opened);
    expect(opened(history.opened)).toMatchObject({ stage: 'scanning', owner: null });
    expect([...opened(history.opened).raisers.keys()]).toEqual(['thornes-tra', 'cllr-ahmed']);
  });

  it('opens once', () => {
    given(history.opened).when(open, sarah, now).thenViolates('PLAN_ALREADY_OPENED', 'PSP-2026-0007');
  });

  it('refuses anything on a plan never opened', () => {
    given([]).when({ type: 'AdvancePlanStage', to: 'analysis' }, sarah, now).thenViolates('PLAN_NOT_OPENED');
  });

  it('refuses a plan opened in the future', () => {
    given([]).when({ ...open, openedOn: '2026-12-25' }, sarah, now).thenViolates('DATE_IN_FUTURE', '2026-12-25');
  });

  it('needs someone who raised it, named at the edge', () => {
    const result = planCommandSchema.safeParse({ ...open, raisedBy: [] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['raisedBy']);
  });
});

describe('the stage gates', () => {
  it('enters analysis only with an owner and a scanning description, naming what is missing', () => {
    given(history.opened).when({ type: 'AdvancePlanStage', to: 'analysis' }, sarah, now).thenViolates('PLAN_NOT_READY_FOR_ANALYSIS', 'it needs an owner and a scanning description');
    given(history.opened.concat(history.scanned.slice(1, 2))).when({ type: 'AdvancePlanStage', to: 'analysis' }, sarah, now).thenViolates('PLAN_NOT_READY_FOR_ANALYSIS', 'it needs a scanning description');
    given(history.scanned).when({ type: 'AdvancePlanStage', to: 'analysis' }, sarah, now).then([{ type: 'PlanStageAdvanced', from: 'scanning', to: 'analysis' }]);
  });

  it('enters response only with an analysis and at least one objective', () => {
    const inAnalysis = history.analysed.slice(0, history.scanned.length + 1);
    given(inAnalysis).when({ type: 'AdvancePlanStage', to: 'response' }, sarah, now).thenViolates('PLAN_NOT_READY_FOR_RESPONSE', 'it needs an analysis and at least one objective');
    const withAnalysisOnly = history.analysed.slice(0, -1);
    given(withAnalysisOnly).when({ type: 'AdvancePlanStage', to: 'response' }, sarah, now).thenViolates('PLAN_NOT_READY_FOR_RESPONSE', 'it needs at least one objective');
    given(history.analysed).when({ type: 'AdvancePlanStage', to: 'response' }, sarah, now).then([{ type: 'PlanStageAdvanced', from: 'analysis', to: 'response' }]);
  });

  it('enters assessment only with at least one response action', () => {
    const withoutAction = history.responding.slice(0, -1);
    given(withoutAction).when({ type: 'AdvancePlanStage', to: 'assessment' }, sarah, now).thenViolates('PLAN_NOT_READY_FOR_ASSESSMENT', 'at least one response action');
    given(history.responding).when({ type: 'AdvancePlanStage', to: 'assessment' }, sarah, now).then([{ type: 'PlanStageAdvanced', from: 'response', to: 'assessment' }]);
  });

  it('moves one stage at a time, and never into closed by advancing', () => {
    given(history.scanned).when({ type: 'AdvancePlanStage', to: 'response' }, sarah, now).thenViolates('PLAN_STAGE_OUT_OF_ORDER', 'the next stage is analysis');
    given(history.responding).when({ type: 'AdvancePlanStage', to: 'analysis' }, sarah, now).thenViolates('PLAN_STAGE_OUT_OF_ORDER');
    expect(planCommandSchema.safeParse({ type: 'AdvancePlanStage', to: 'closed' }).success).toBe(false);
  });

  it('records nothing when asked for the stage it is in', () => {
    given(history.analysed).when({ type: 'AdvancePlanStage', to: 'analysis' }, sarah, now).then([]);
  });
});

describe('closing a plan', () => {
  it('closes with the justification once the results are concluded and every raiser is satisfied', () => {
    given(history.signed).when({ type: 'ClosePlan', closedOn: '2026-11-20' }, sarah, now).then(history.closed.slice(-1));
    expect(opened(history.closed)).toMatchObject({ stage: 'closed', closedOn: '2026-11-20' });
  });

  it('refuses before the results analysis is concluded', () => {
    given(history.assessing).when({ type: 'ClosePlan', closedOn: '2026-11-20' }, sarah, now).thenViolates('PLAN_RESULTS_NOT_CONCLUDED');
    given(history.assessing).when({ type: 'ProposeClosure', justification: 'Quiet year', proposedOn: '2026-11-16' }, sarah, now).thenViolates('PLAN_RESULTS_NOT_CONCLUDED');
  });

  it('refuses without a proposal and its justification', () => {
    given(history.concluded).when({ type: 'ClosePlan', closedOn: '2026-11-20' }, sarah, now).thenViolates('PLAN_CLOSURE_NOT_PROPOSED');
  });

  it('refuses while a raiser has not signed, naming them', () => {
    given(history.proposed.concat(history.signed.slice(-2, -1))).when({ type: 'ClosePlan', closedOn: '2026-11-20' }, sarah, now).thenViolates('PLAN_RAISERS_NOT_SATISFIED', 'not yet signed off by Cllr Nadia Ahmed');
  });

  it('stays open on one unsatisfied sign-off, and shows who and why', () => {
    const unhappy: PlanEvent = { type: 'ClosureSignedOff', partyId: 'cllr-ahmed', satisfied: false, comment: 'Still trouble on Denby Dale Road.', signedOn: '2026-11-19' };
    const events = [...history.proposed, history.signed.at(-2)!, unhappy];
    given(events).when({ type: 'ClosePlan', closedOn: '2026-11-20' }, sarah, now).thenViolates('PLAN_RAISERS_NOT_SATISFIED', 'Cllr Nadia Ahmed is not satisfied: “Still trouble on Denby Dale Road.”');
    expect(closureStanding(opened(events))).toEqual({
      blockers: ['Cllr Nadia Ahmed is not satisfied: “Still trouble on Denby Dale Road.”'],
      signedSatisfied: ['thornes-tra'],
      signedUnsatisfied: [{ partyId: 'cllr-ahmed', name: 'Cllr Nadia Ahmed', comment: 'Still trouble on Denby Dale Road.' }],
      notSigned: [],
    });
    // The same party satisfied later: the plan may close.
    given([...events, history.signed.at(-1)!]).when({ type: 'ClosePlan', closedOn: '2026-11-20' }, sarah, now).then(history.closed.slice(-1));
  });

  it('asks again after a new proposal: earlier sign-offs answered another justification', () => {
    const reproposed: PlanEvent = { type: 'ClosureProposed', justification: 'Calls halved; the bus route is back.', proposedOn: '2026-11-19' };
    given([...history.signed, reproposed]).when({ type: 'ClosePlan', closedOn: '2026-11-20' }, sarah, now).thenViolates('PLAN_RAISERS_NOT_SATISFIED', 'Thornes Park Residents’ Association, Cllr Nadia Ahmed');
  });

  it('takes sign-offs only from those who raised it, and only on a proposal', () => {
    const signOff = { type: 'SignOffClosure' as const, partyId: 'thornes-tra', satisfied: true, comment: 'Fine', signedOn: '2026-11-18' };
    given(history.concluded).when(signOff, sarah, now).thenViolates('PLAN_CLOSURE_NOT_PROPOSED');
    given(history.proposed).when({ ...signOff, partyId: 'bus-company' }, sarah, now).thenViolates('PLAN_PARTY_DID_NOT_RAISE', 'bus-company');
  });
});

describe('a closed plan', () => {
  it('changes by nothing but reopening', () => {
    given(history.closed).when({ type: 'RecordMeeting', meetingId: 'late', heldOn: '2026-11-21', chair: 'PS Sarah Khan', attendees: [{ name: 'Grace Mensah', agencyId: 'youth' }], decisions: [], actionsAgreed: [] }, sarah, now).thenViolates('PLAN_CLOSED');
    given(history.closed).when({ type: 'AdvancePlanStage', to: 'assessment' }, sarah, now).thenViolates('PLAN_CLOSED');
  });

  it('answers news of its actions it already has with nothing (a replay of the reactor), and refuses news it has not', () => {
    const link = { type: 'LinkResponseAction' as const, actionId, agencyId: 'youth', description: 'Diversionary events in the park on the four Fridays before bonfire night', dueOn: '2026-10-30' };
    given(history.closed).when(link, sarah, now).then([]);
    given(history.closed).when({ ...link, actionId: 'acc00000-0000-4000-8000-00000000000f' }, sarah, now).thenViolates('PLAN_CLOSED');
    given(history.closed).when({ type: 'NoteResponseActionOutcome', actionId: 'acc00000-0000-4000-8000-00000000000f', status: 'done', on: '2026-11-20' }, sarah, now).thenViolates('PLAN_CLOSED');
  });

  it('reopens with a reason at the stage asked for, its closure cleared', () => {
    given(history.closed)
      .when({ type: 'ReopenPlan', reason: 'Fireworks again at the skate park', reopenedOn: '2026-11-22', resumeAt: 'analysis' }, sarah, now)
      .then([{ type: 'PlanReopened', reason: 'Fireworks again at the skate park', reopenedOn: '2026-11-22', resumeAt: 'analysis' }]);
    const reopened = opened([...history.closed, { type: 'PlanReopened', reason: 'Fireworks again', reopenedOn: '2026-11-22', resumeAt: 'analysis' }]);
    expect(reopened).toMatchObject({ stage: 'analysis', closedOn: null, closure: null, reopenings: [{ reason: 'Fireworks again', reopenedOn: '2026-11-22' }] });
  });

  it('is the only kind reopened', () => {
    given(history.signed).when({ type: 'ReopenPlan', reason: 'x', reopenedOn: '2026-11-22', resumeAt: 'assessment' }, sarah, now).thenViolates('PLAN_NOT_CLOSED');
  });
});

describe('reviews', () => {
  const scheduled: PlanEvent[] = [...history.scanned, { type: 'ReviewScheduled', reviewId: 'first-review', dueOn: '2026-10-01' }];
  const complete = { type: 'CompleteReview' as const, reviewId: 'first-review', doneOn: '2026-10-02', finding: 'Analysis thorough; add the bus operator as a partner.', nextReviewOn: '2026-11-01' };

  it('are done only by a supervisor, who is recorded as the reviewer', () => {
    given(scheduled).when(complete, sarah, now).thenViolates('REVIEW_NEEDS_SUPERVISOR');
    given(scheduled).when(complete, rachel, now).then([{ ...complete, type: 'ReviewCompleted', reviewer: { userId: 'rachel.okafor', agencyId: 'police', name: 'Insp. Rachel Okafor' } }]);
  });

  it('are done once, when scheduled, and set a later next review', () => {
    const done = [...scheduled, { ...complete, type: 'ReviewCompleted' as const, reviewer: { userId: 'rachel.okafor', agencyId: 'police', name: 'Insp. Rachel Okafor' } }];
    given(done).when(complete, rachel, now).thenViolates('REVIEW_ALREADY_DONE', '2026-10-02');
    given(scheduled).when({ ...complete, reviewId: 'nope' }, rachel, now).thenViolates('REVIEW_NOT_FOUND');
    given(scheduled).when({ ...complete, nextReviewOn: '2026-10-02' }, rachel, now).thenViolates('REVIEW_NEXT_NOT_AFTER_DONE');
    given(scheduled).when({ type: 'ScheduleReview', reviewId: 'first-review', dueOn: '2026-10-05' }, sarah, now).thenViolates('REVIEW_ALREADY_SCHEDULED');
    expect(nextReviewDue(opened(scheduled))).toBe('2026-10-01');
    expect(nextReviewDue(opened(done))).toBe('2026-11-01');
  });
});

describe('results analysis', () => {
  const conclude = { type: 'ConcludeResultsAnalysis' as const, ...history.conclusion };

  it('concludes in assessment, with the process evaluation counted from the plan’s actions', () => {
    given(history.assessing).when(conclude, sarah, now).then(history.concluded.slice(-1));
  });

  it('is done in the assessment stage', () => {
    given(history.responding).when(conclude, sarah, now).thenViolates('PLAN_NOT_IN_ASSESSMENT');
  });

  it('judges every objective, each measured since the baseline', () => {
    const second: PlanEvent = {
      type: 'ObjectiveSet',
      objective: { objectiveId: 'bus-route', statement: 'Buses run after dark', measure: 'Evenings the route ran', baseline: 0, target: 18, direction: 'increase', byDate: '2026-11-30', aim: { kind: 'eliminate' } },
      revised: false,
    };
    given([...history.assessing, second]).when(conclude, sarah, now).thenViolates('RESULTS_IMPACT_INCOMPLETE', 'bus-route is not judged');
    const judged = { ...conclude, impact: [...conclude.impact, { objectiveId: 'bus-route', met: true, note: 'Ran every evening' }] };
    given([...history.assessing, second]).when(judged, sarah, now).thenViolates('RESULTS_NOT_MEASURED', 'bus-route has none');
    given(history.assessing).when({ ...conclude, impact: [{ objectiveId: 'ghost', met: true, note: 'x' }] }, sarah, now).thenViolates('OBJECTIVE_NOT_FOUND');
  });

  it('asks for every kind of displacement at the edge', () => {
    const { offence: _offence, ...fourKinds } = history.conclusion.displacement;
    const result = planCommandSchema.safeParse({ ...conclude, displacement: fourKinds });
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['displacement.offence']);
  });

  it('counts actions done late, cancelled and overdue', () => {
    expect(
      evaluateProcess(
        [
          { actionId: 'a', agencyId: 'youth', description: 'a', dueOn: '2026-10-30', outcome: { status: 'done', on: '2026-10-30' } },
          { actionId: 'b', agencyId: 'fire', description: 'b', dueOn: '2026-10-15', outcome: { status: 'done', on: '2026-10-20' } },
          { actionId: 'c', agencyId: 'council', description: 'c', dueOn: '2026-10-15', outcome: { status: 'cancelled', on: '2026-10-01' } },
          { actionId: 'd', agencyId: 'police', description: 'd', dueOn: '2026-11-01', outcome: null },
          { actionId: 'e', agencyId: 'police', description: 'e', dueOn: '2026-12-01', outcome: null },
        ],
        '2026-11-15',
      ),
    ).toEqual({ planned: 5, done: 2, doneLate: 1, cancelled: 1, stillOpen: 2, overdue: 1 });
  });

  it('measures only objectives the plan has, and never in the future', () => {
    const measure = { type: 'RecordResultMeasurement' as const, objectiveId: 'fewer-calls', measuredOn: '2026-11-10', value: 19 };
    given(history.analysed).when({ ...measure, objectiveId: 'ghost' }, sarah, now).thenViolates('OBJECTIVE_NOT_FOUND');
    given(history.analysed).when({ ...measure, measuredOn: '2027-01-01' }, sarah, now).thenViolates('DATE_IN_FUTURE');
    given(history.analysed).when(measure, sarah, now).then([{ type: 'ResultMeasured', objectiveId: 'fewer-calls', measuredOn: '2026-11-10', value: 19 }]);
  });
});

describe('objectives', () => {
  const objective = opened(history.analysed).objectives.get('fewer-calls')!;

  it('must set out to change something, in the direction they say', () => {
    given(history.analysed).when({ type: 'SetObjective', objective: { ...objective, target: 60 } }, sarah, now).thenViolates('OBJECTIVE_TARGET_NOT_AN_IMPROVEMENT', 'The target 60 is not below the baseline 48, and this objective aims to decrease it');
    given(history.analysed).when({ type: 'SetObjective', objective: { ...objective, byDate: '2026-08-01' } }, sarah, now).thenViolates('OBJECTIVE_DATE_BEFORE_OPENING');
  });

  it('are revised with a trace, and unchanged ones record nothing', () => {
    given(history.analysed).when({ type: 'SetObjective', objective }, sarah, now).then([]);
    given(history.analysed).when({ type: 'SetObjective', objective: { ...objective, target: 20 } }, sarah, now).then([{ type: 'ObjectiveSet', objective: { ...objective, target: 20 }, revised: true }]);
  });
});

describe('people on the plan', () => {
  it('records a new owner with the one replaced', () => {
    given(history.scanned)
      .when({ type: 'AssignPlanOwner', owner: { name: 'Megan Lloyd', role: 'ASB officer', agencyId: 'council' } }, sarah, now)
      .then([{ type: 'PlanOwnerAssigned', owner: { name: 'Megan Lloyd', role: 'ASB officer', agencyId: 'council' }, previous: { name: 'Grace Mensah', role: 'Detached youth worker', agencyId: 'youth' } }]);
  });

  it('adds and removes partner representatives, by the agency or group they represent', () => {
    const fire = { name: 'Station Manager Tom Reilly', agencyId: 'fire' };
    given(history.opened).when({ type: 'AddPlanPartner', representative: fire }, sarah, now).then([{ type: 'PlanPartnerAdded', representative: fire }]);
    const withFire: PlanEvent[] = [...history.opened, { type: 'PlanPartnerAdded', representative: fire }];
    given(withFire).when({ type: 'AddPlanPartner', representative: fire }, sarah, now).then([]);
    given(withFire)
      .when({ type: 'RemovePlanPartner', representative: { agencyId: 'fire' }, reason: 'Not needed after analysis' }, sarah, now)
      .then([{ type: 'PlanPartnerRemoved', represents: 'fire', name: 'Station Manager Tom Reilly', reason: 'Not needed after analysis' }]);
    given(history.opened).when({ type: 'RemovePlanPartner', representative: { communityGroup: 'Neighbourhood Watch' }, reason: 'x' }, sarah, now).thenViolates('PLAN_PARTNER_NOT_FOUND');
  });

  it('names a person of an agency or of a community group, not both', () => {
    const result = planCommandSchema.safeParse({ type: 'AddPlanPartner', representative: { name: 'Pat Lee', agencyId: 'fire', communityGroup: 'Watch' } });
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['representative.agencyId']);
  });

  it('adds a raising party once', () => {
    given(history.opened).when({ type: 'AddRaisingParty', party: residents }, sarah, now).then([]);
    given(history.opened).when({ type: 'AddRaisingParty', party: { ...residents, name: 'Someone else' } }, sarah, now).thenViolates('PLAN_PARTY_ALREADY_RAISED');
  });
});

describe('who may change a plan', () => {
  it('refuses auditors anything', () => {
    given(history.scanned).when({ type: 'AssessPlanRisk', level: 'high', reasons: 'x', assessedOn: '2026-10-01' }, olivia, now).thenViolates('FORBIDDEN');
  });

  it('lets a partner record what the plan asks of it', () => {
    given(history.scanned)
      .when({ type: 'AssessCommunityImpact', level: 'high', reasons: 'Residents afraid to go out after dark', assessedOn: '2026-10-01' }, grace, now)
      .then([{ type: 'CommunityImpactAssessed', level: 'high', reasons: 'Residents afraid to go out after dark', assessedOn: '2026-10-01' }]);
  });
});

describe('response actions', () => {
  it('are linked once and their outcome noted once', () => {
    const link = { type: 'LinkResponseAction' as const, actionId, agencyId: 'youth', description: 'x', dueOn: '2026-10-30' };
    given(history.responding).when(link, sarah, now).then([]);
    given(history.responding).when({ type: 'NoteResponseActionOutcome', actionId, status: 'done', on: '2026-10-30' }, sarah, now).then([{ type: 'ResponseActionOutcomeNoted', actionId, status: 'done', on: '2026-10-30' }]);
    given(history.assessing).when({ type: 'NoteResponseActionOutcome', actionId, status: 'done', on: '2026-10-31' }, sarah, now).then([]);
    given(history.analysed).when({ type: 'NoteResponseActionOutcome', actionId, status: 'done', on: '2026-10-30' }, sarah, now).thenViolates('RESPONSE_ACTION_NOT_FOUND');
  });
});

describe('escalation', () => {
  it('records the resource asked of the TT&CG', () => {
    given(history.responding)
      .when({ type: 'EscalatePlan', resourceRequested: 'Two extra PCSO patrols a night, 28 Oct to 6 Nov', reason: 'Beyond the neighbourhood team’s hours', escalatedOn: '2026-10-20' }, sarah, now)
      .then([{ type: 'PlanEscalated', resourceRequested: 'Two extra PCSO patrols a night, 28 Oct to 6 Nov', reason: 'Beyond the neighbourhood team’s hours', escalatedOn: '2026-10-20' }]);
  });
});

describe('the fold', () => {
  it('keeps every assessment, in order, as history', () => {
    const state = opened([
      ...history.scanned,
      { type: 'PlanRiskAssessed', level: 'medium', reasons: 'First look', assessedOn: '2026-09-05' },
      { type: 'PlanRiskAssessed', level: 'high', reasons: 'Bus route withdrawn', assessedOn: '2026-10-25' },
    ]);
    expect(state.risk.map((r) => r.level)).toEqual(['medium', 'high']);
  });

  it('ignores an event it does not know, rather than fail', () => {
    const state = fold(planDecider, [...history.opened, { type: 'SomethingFromTheFuture' } as unknown as PlanEvent]);
    expect(state).toEqual(fold(planDecider, history.opened));
  });
});

describe('recording a raiser’s sign-off', () => {
  const signOff = { type: 'SignOffClosure' as const, partyId: 'thornes-tra', satisfied: true, comment: 'A much quieter year.', signedOn: '2026-11-18' };

  it('is for a coordinator or the owner’s agency, on the raiser’s behalf', () => {
    const fire = { userId: 'tom.reilly', agencyId: 'fire', roles: ['partner' as const] };
    given(history.proposed).when(signOff, fire, now).thenViolates('SIGN_OFF_RECORDED_BY_COORDINATOR_OR_OWNER');
    given(history.proposed).when(signOff, grace, now).then([{ ...signOff, type: 'ClosureSignedOff' }]);
    given(history.proposed).when(signOff, sarah, now).then([{ ...signOff, type: 'ClosureSignedOff' }]);
  });
});

describe('a reopened plan', () => {
  const reopened: PlanEvent[] = [...history.closed, { type: 'PlanReopened', reason: 'Fireworks again at the skate park', reopenedOn: '2026-11-22', resumeAt: 'scanning' }];

  it('is assessed afresh: its old conclusion is gone, and it closes only from assessment again', () => {
    expect(opened(reopened).conclusion).toBeNull();
    given(reopened).when({ type: 'ProposeClosure', justification: 'Quiet again', proposedOn: '2026-11-22' }, sarah, now).thenViolates('PLAN_NOT_IN_ASSESSMENT', 'is in scanning');
    given(reopened).when({ type: 'ClosePlan', closedOn: '2026-11-22' }, sarah, now).thenViolates('PLAN_NOT_IN_ASSESSMENT');
  });
});

describe('small things recorded once', () => {
  it('does not count a cancelled action as a response carried out', () => {
    const cancelledOnly: PlanEvent[] = [...history.responding, { type: 'ResponseActionOutcomeNoted', actionId, status: 'cancelled', on: '2026-10-20' }];
    given(cancelledOnly).when({ type: 'AdvancePlanStage', to: 'assessment' }, sarah, now).thenViolates('PLAN_NOT_READY_FOR_ASSESSMENT', 'at least one response action');
  });

  it('records a meeting once', () => {
    const meeting = { type: 'RecordMeeting' as const, meetingId: 'pre-bonfire', heldOn: '2026-10-20', chair: 'PS Sarah Khan', attendees: [{ name: 'Grace Mensah', agencyId: 'youth' }], decisions: [], actionsAgreed: [] };
    const { type: _type, ...held } = meeting;
    given([...history.responding, { type: 'MeetingRecorded', ...held }]).when(meeting, sarah, now).thenViolates('MEETING_ALREADY_RECORDED', 'pre-bonfire');
  });

  it('names two parties with one id, and an objective judged twice, at the edge', () => {
    const twice = planCommandSchema.safeParse({
      type: 'OpenPlan',
      reference: 'PSP-2026-0007',
      title: 'x',
      neighbourhoodId: '5b0e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
      raisedBy: [residents, { ...councillor, partyId: residents.partyId }],
      openedOn: '2026-09-01',
    });
    expect(twice.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['raisedBy', 'each party needs its own partyId']]);
    const judgedTwice = planCommandSchema.safeParse({
      type: 'ConcludeResultsAnalysis',
      ...history.conclusion,
      impact: [history.conclusion.impact[0], { ...history.conclusion.impact[0], met: false }],
    });
    expect(judgedTwice.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['impact', 'judge each objective once']]);
  });
});
