/**
 * A plan's progress and closure over HTTP: the SARA stage gates, supervisory
 * reviews, results analysis with every kind of displacement, and closure only
 * when everyone who raised the problem is satisfied. Content that other
 * mutations record (scanning, analysis, objectives, response actions) is put
 * in through command handling, as those mutations would.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planStream, planStreamName } from '../../src/app/plan-stream.js';
import type { PlanCommand } from '../../src/domain/plan/commands.js';
import { startTestServer, type TestServer, demoNeighbourhoodId } from '../support/server.js';

let server: TestServer;
let coordinator: string;
let supervisor: string;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
  supervisor = await server.token({ userId: 'raj.patel', agencyId: 'police', roles: ['supervisor'], name: 'Insp Raj Patel' });
});
afterAll(async () => {
  await server.close();
});

type Answer = Record<string, unknown> & { __typename: string; plan: Record<string, unknown> & { revision: number } };

/** Calls one plan mutation and answers its result union, with `selection` read from the plan. */
async function mutate(name: string, input: Record<string, unknown>, options: { token?: string; selection?: string } = {}): Promise<Answer> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const document = `mutation M($input: ${inputType}!) {
    ${name}(input: $input) {
      __typename
      ... on PlanPayload { deduplicated plan { revision ${options.selection ?? ''} } }
      ... on ValidationError { message fieldErrors { path message } }
      ... on ConflictError { message expectedRevision actualRevision }
      ... on RuleViolation { code message }
      ... on NotFound { message }
      ... on Forbidden { message }
    }
  }`;
  const response = await server.graphql(document, { token: options.token ?? coordinator, variables: { input } });
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.data![name] as Answer;
}

async function headPosition() {
  return (await server.casebook.store.headPosition())?.commit ?? null;
}

async function eventTypes(planUuid: string): Promise<string[]> {
  const types: string[] = [];
  for await (const event of server.casebook.store.readStream(planStreamName(planUuid))) types.push(event.type);
  return types;
}

interface OpenedPlan {
  readonly id: string;
  readonly uuid: string;
  readonly reference: string;
}

const raisedBy = [
  { partyId: 'thornes-tra', name: 'Thornes Park Residents’ Association', kind: 'community-group' },
  { partyId: 'cllr-ahmed', name: 'Cllr Nadia Ahmed', kind: 'councillor' },
];

async function openPlan(title: string): Promise<OpenedPlan> {
  const response = await server.graphql(
    `mutation($input: OpenPlanInput!) { openPlan(input: $input) { __typename ... on PlanPayload { plan { id reference } } } }`,
    { token: coordinator, variables: { input: { title, neighbourhoodId: demoNeighbourhoodId('thornes'), raisedBy, openedOn: '2026-09-01' } } },
  );
  const { plan } = response.body.data!.openPlan as { plan: { id: string; reference: string } };
  const decoded = Buffer.from(plan.id, 'base64').toString();
  expect(decoded).toMatch(/^Plan:/);
  return { id: plan.id, uuid: decoded.slice('Plan:'.length), reference: plan.reference };
}

/** What the other plan mutations (content.ts, partner actions) would record, handled directly. */
async function handle(plan: OpenedPlan, command: PlanCommand): Promise<void> {
  const result = await server.casebook.commands.handle(planStream, planStreamName(plan.uuid), command, {
    actor: { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] },
    correlationId: 'test',
  });
  if (result.position) await server.casebook.projections.waitFor(result.position);
}

const scanning: PlanCommand = {
  type: 'RecordScanning',
  scanning: {
    initialIndicators: ['Calls about fireworks thrown at people doubled on last year'],
    description: 'Groups of youths throw fireworks at passers-by and cars around Thornes Park in the weeks before bonfire night.',
    where: 'Thornes Park, the Denby Dale Road entrance and the skate park',
    when: 'Evenings, 17:00 to 22:00, mid-October to mid-November',
    reportedBy: 'Thornes Park Residents’ Association and Cllr Nadia Ahmed',
    sources: ['calls-for-service', 'community-engagement'],
    whyPrioritised: 'Chosen by the neighbourhood panel: residents afraid to use the park after dark.',
  },
};

const analysis: PlanCommand = {
  type: 'RecordAnalysis',
  analysis: {
    problemMatrix: {
      what: 'Fireworks thrown at people and cars',
      offenders: 'Groups of 12 to 16 year olds, mostly local',
      victims: 'Dog walkers, bus passengers, drivers on Denby Dale Road',
      where: 'The park’s east side and its entrances',
      when: 'Dark evenings before 5 November',
      how: 'Fireworks bought from two shops that sell to under-18s',
      howOften: 'Most evenings in the fortnight before bonfire night',
      impact: 'People avoid the park; one minor burn injury',
      repeats: 'Same groups, same places, every year',
    },
    triangle: {
      offender: { description: 'Young teenagers with fireworks', handler: 'Parents and the youth service' },
      target: { description: 'Passers-by and cars', guardian: 'Park wardens and the bus company' },
      place: { description: 'Unlit paths at the east entrance', manager: 'The council’s parks team' },
    },
    hypotheses: ['Under-age sales at two shops supply the fireworks'],
    dataUsed: ['Police calls for service, 2024 to 2026', 'Trading Standards test purchases'],
  },
};

const objective: PlanCommand = {
  type: 'SetObjective',
  objective: {
    objectiveId: 'fireworks-calls',
    statement: 'Halve the calls about fireworks misuse around Thornes Park',
    measure: 'calls for service about fireworks, 15 October to 15 November',
    baseline: 40,
    target: 20,
    direction: 'decrease',
    byDate: '2026-11-30',
    aim: { kind: 'reduce', byPercent: 50 },
  },
};

async function linkAction(plan: OpenedPlan): Promise<string> {
  const actionId = randomUUID();
  await handle(plan, { type: 'LinkResponseAction', actionId, agencyId: 'youth', description: 'Detached youth work at the park on the evenings before bonfire night', dueOn: '2026-10-30' });
  return actionId;
}

async function advance(plan: OpenedPlan, to: string) {
  return mutate('advancePlanStage', { planId: plan.id, to }, { selection: 'stage' });
}

/** A plan in assessment: owner, scanning, analysis, one objective, one response action (done). */
async function planInAssessment(title: string): Promise<OpenedPlan> {
  const plan = await openPlan(title);
  expect(await mutate('assignPlanOwner', { planId: plan.id, owner: { name: 'Amira Hussain', role: 'Anti-social behaviour officer', agencyId: 'council' } })).toMatchObject({
    __typename: 'PlanPayload',
  });
  await handle(plan, scanning);
  expect(await advance(plan, 'analysis')).toMatchObject({ plan: { stage: 'analysis' } });
  await handle(plan, analysis);
  await handle(plan, objective);
  expect(await advance(plan, 'response')).toMatchObject({ plan: { stage: 'response' } });
  const actionId = await linkAction(plan);
  await handle(plan, { type: 'NoteResponseActionOutcome', actionId, status: 'done', on: '2026-10-28' });
  expect(await advance(plan, 'assessment')).toMatchObject({ plan: { stage: 'assessment' } });
  return plan;
}

const noDisplacement = { found: false, note: 'Calls for service in the surrounding beats, same weeks, compared with last year' };
const displacement = {
  temporal: { found: false, note: 'No rise in calls after 5 November or earlier in October' },
  spatial: { found: true, note: 'Some calls moved to Holmfield Park, a mile west: 6 against 2 last year' },
  target: noDisplacement,
  tactical: { found: false, note: 'No reports of fireworks used in other ways' },
  offence: { found: false, note: 'No rise in criminal damage or public order offences in the park' },
};

const conclusion = {
  concludedOn: '2026-11-20',
  impact: [{ objectiveId: 'fireworks-calls', met: true, note: '14 calls against a baseline of 40 and a target of 20; the comparison area barely moved (38).' }],
  whatWorked: 'Test purchases stopped the under-age sales; detached youth work on the worst evenings.',
  whatDidNot: 'Extra lighting at the east entrance came too late to judge.',
  displacement,
  diffusionOfBenefits: 'Fewer calls on Denby Dale Road beyond the park as well.',
};

describe('advancePlanStage', () => {
  it('enters each SARA stage only when its content is there, naming what is missing, and never skips one', async () => {
    const plan = await openPlan('Fireworks at Thornes Park: the stage gates');

    expect(await advance(plan, 'analysis')).toEqual({
      __typename: 'RuleViolation',
      code: 'PLAN_NOT_READY_FOR_ANALYSIS',
      message: `${plan.reference} cannot enter analysis yet: it needs an owner and a scanning description.`,
    });
    expect(await advance(plan, 'response')).toEqual({
      __typename: 'RuleViolation',
      code: 'PLAN_STAGE_OUT_OF_ORDER',
      message: `${plan.reference} is in scanning; the next stage is analysis, not response.`,
    });

    await mutate('assignPlanOwner', { planId: plan.id, owner: { name: 'Amira Hussain', agencyId: 'council' } });
    expect(await advance(plan, 'analysis')).toEqual({
      __typename: 'RuleViolation',
      code: 'PLAN_NOT_READY_FOR_ANALYSIS',
      message: `${plan.reference} cannot enter analysis yet: it needs a scanning description.`,
    });
    await handle(plan, scanning);
    expect(await advance(plan, 'analysis')).toEqual({ __typename: 'PlanPayload', deduplicated: false, plan: { revision: 3, stage: 'analysis' } });
    expect(await advance(plan, 'analysis')).toEqual({ __typename: 'PlanPayload', deduplicated: false, plan: { revision: 3, stage: 'analysis' } });

    expect(await advance(plan, 'response')).toEqual({
      __typename: 'RuleViolation',
      code: 'PLAN_NOT_READY_FOR_RESPONSE',
      message: `${plan.reference} cannot enter response yet: it needs an analysis and at least one objective.`,
    });
    await handle(plan, analysis);
    expect(await advance(plan, 'response')).toMatchObject({ code: 'PLAN_NOT_READY_FOR_RESPONSE', message: `${plan.reference} cannot enter response yet: it needs at least one objective.` });
    await handle(plan, objective);
    expect(await advance(plan, 'response')).toMatchObject({ __typename: 'PlanPayload', plan: { stage: 'response' } });
    expect(await advance(plan, 'scanning')).toEqual({
      __typename: 'RuleViolation',
      code: 'PLAN_STAGE_OUT_OF_ORDER',
      message: `${plan.reference} is in response; the next stage is assessment, not scanning.`,
    });

    expect(await advance(plan, 'assessment')).toEqual({
      __typename: 'RuleViolation',
      code: 'PLAN_NOT_READY_FOR_ASSESSMENT',
      message: `${plan.reference} cannot enter assessment yet: it needs at least one response action.`,
    });
    await linkAction(plan);
    expect(await advance(plan, 'assessment')).toMatchObject({ __typename: 'PlanPayload', plan: { stage: 'assessment' } });
  });

  it('does not take `closed`: a plan is closed by closePlan', async () => {
    const plan = await openPlan('Fireworks at Thornes Park: no closing by stage');
    const response = await server.graphql(`mutation($input: AdvancePlanStageInput!) { advancePlanStage(input: $input) { __typename } }`, {
      token: coordinator,
      variables: { input: { planId: plan.id, to: 'closed' } },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors![0]!.message).toContain('Value "closed" does not exist in "WorkingPlanStage" enum.');
  });
});

describe('meetings and reviews', () => {
  it('records a problem-solving meeting, and names the field when nobody attended', async () => {
    const plan = await openPlan('Fireworks at Thornes Park: a meeting');
    const meeting = {
      planId: plan.id,
      meetingId: 'psm-2026-10-14',
      heldOn: '2026-10-14',
      chair: 'PS Sarah Khan',
      attendees: [
        { name: 'Amira Hussain', role: 'Anti-social behaviour officer', agencyId: 'council' },
        { name: 'Joan Walsh', communityGroup: 'Thornes Park Residents’ Association' },
      ],
      decisions: ['Ask Trading Standards for test purchases at the two shops'],
      actionsAgreed: ['Youth service to run detached sessions on 30 October to 5 November'],
    };
    const recorded = await mutate('recordMeeting', meeting, { selection: 'meetings { meetingId heldOn chair attendees { name agencyId communityGroup } decisions actionsAgreed }' });
    expect(recorded).toEqual({
      __typename: 'PlanPayload',
      deduplicated: false,
      plan: {
        revision: 1,
        meetings: [
          {
            meetingId: 'psm-2026-10-14',
            heldOn: '2026-10-14',
            chair: 'PS Sarah Khan',
            attendees: [
              { name: 'Amira Hussain', agencyId: 'council', communityGroup: null },
              { name: 'Joan Walsh', agencyId: null, communityGroup: 'Thornes Park Residents’ Association' },
            ],
            decisions: ['Ask Trading Standards for test purchases at the two shops'],
            actionsAgreed: ['Youth service to run detached sessions on 30 October to 5 November'],
          },
        ],
      },
    });
    expect(await mutate('recordMeeting', { ...meeting, meetingId: 'psm-empty', attendees: [] })).toEqual({
      __typename: 'ValidationError',
      message: 'The input is not valid: attendees: name who attended',
      fieldErrors: [{ path: 'attendees', message: 'name who attended' }],
    });
  });

  it('takes a review done only from a supervisor, who is recorded as the reviewer with the next date', async () => {
    const plan = await openPlan('Fireworks at Thornes Park: supervisory review');
    const selection = 'reviews { reviewId dueOn doneOn reviewer finding nextReviewOn } nextReviewDue';
    expect(await mutate('scheduleReview', { planId: plan.id, reviewId: 'review-1', dueOn: '2026-10-01' }, { selection })).toEqual({
      __typename: 'PlanPayload',
      deduplicated: false,
      plan: { revision: 1, reviews: [{ reviewId: 'review-1', dueOn: '2026-10-01', doneOn: null, reviewer: null, finding: null, nextReviewOn: null }], nextReviewDue: '2026-10-01' },
    });
    const done = { planId: plan.id, reviewId: 'review-1', doneOn: '2026-10-02', finding: 'Analysis sound; add the shops to the response.', nextReviewOn: '2026-11-30' };

    const head = await headPosition();
    expect(await mutate('completeReview', done, { selection })).toEqual({
      __typename: 'RuleViolation',
      code: 'REVIEW_NEEDS_SUPERVISOR',
      message: 'A plan review is done by a supervisor (a sergeant or inspector).',
    });
    expect(await headPosition()).toBe(head);

    expect(await mutate('completeReview', done, { token: supervisor, selection })).toEqual({
      __typename: 'PlanPayload',
      deduplicated: false,
      plan: {
        revision: 2,
        reviews: [{ reviewId: 'review-1', dueOn: '2026-10-01', doneOn: '2026-10-02', reviewer: 'Insp Raj Patel', finding: 'Analysis sound; add the shops to the response.', nextReviewOn: '2026-11-30' }],
        nextReviewDue: '2026-11-30',
      },
    });
    expect(await mutate('completeReview', done, { token: supervisor })).toMatchObject({ __typename: 'RuleViolation', code: 'REVIEW_ALREADY_DONE' });
  });

  it('answers a stale expectedRevision with the actual one, and writes nothing', async () => {
    const plan = await openPlan('Fireworks at Thornes Park: a stale revision');
    await mutate('scheduleReview', { planId: plan.id, reviewId: 'review-1', dueOn: '2026-10-01', expectedRevision: 0 });
    const head = await headPosition();
    expect(await mutate('scheduleReview', { planId: plan.id, reviewId: 'review-2', dueOn: '2026-11-01', expectedRevision: 0 })).toEqual({
      __typename: 'ConflictError',
      message: 'This record has changed since you read it: you expected revision 0, it is now at 1. Reload it and try again.',
      expectedRevision: 0,
      actualRevision: 1,
    });
    expect(await headPosition()).toBe(head);
    expect(await eventTypes(plan.uuid)).toEqual(['PlanOpened', 'ReviewScheduled']);
  });

  it('does the work of a repeated idempotency key once', async () => {
    const plan = await openPlan('Fireworks at Thornes Park: one escalation');
    const escalation = {
      planId: plan.id,
      resourceRequested: 'Two officers on the evenings of 4 and 5 November',
      reason: 'The neighbourhood team is on bonfire duty elsewhere',
      escalatedOn: '2026-10-20',
      idempotencyKey: 'escalate-thornes-1',
    };
    expect(await mutate('escalatePlan', escalation)).toEqual({ __typename: 'PlanPayload', deduplicated: false, plan: { revision: 1 } });
    const head = await headPosition();
    expect(await mutate('escalatePlan', escalation)).toEqual({ __typename: 'PlanPayload', deduplicated: true, plan: { revision: 1 } });
    expect(await headPosition()).toBe(head);
    expect(await eventTypes(plan.uuid)).toEqual(['PlanOpened', 'PlanEscalated']);
  });
});

describe('results analysis', () => {
  it('measures an objective against its baseline and target, and concludes only with all five kinds of displacement', async () => {
    const plan = await planInAssessment('Fireworks at Thornes Park: results');

    const measured = await mutate(
      'recordResultMeasurement',
      { planId: plan.id, objectiveId: 'fireworks-calls', measuredOn: '2026-11-16', value: 14, comparisonAreaValue: 38, note: 'Police and council calls, deduplicated' },
      { selection: 'results { latestValue changePercent met } measurements { objectiveId value comparisonAreaValue }' },
    );
    expect(measured).toMatchObject({
      __typename: 'PlanPayload',
      plan: { results: [{ latestValue: 14, changePercent: -65, met: true }], measurements: [{ objectiveId: 'fireworks-calls', value: 14, comparisonAreaValue: 38 }] },
    });
    expect(await mutate('recordResultMeasurement', { planId: plan.id, objectiveId: 'litter', measuredOn: '2026-11-16', value: 3 })).toEqual({
      __typename: 'RuleViolation',
      code: 'OBJECTIVE_NOT_FOUND',
      message: `No objective "litter" on ${plan.reference}.`,
    });

    const head = await headPosition();
    const { offence: _offence, ...fourKinds } = displacement;
    expect(await mutate('concludeResultsAnalysis', { planId: plan.id, ...conclusion, displacement: fourKinds })).toEqual({
      __typename: 'ValidationError',
      message: 'The input is not valid: displacement.offence: say whether this kind of displacement was found, and what was looked at',
      fieldErrors: [{ path: 'displacement.offence', message: 'say whether this kind of displacement was found, and what was looked at' }],
    });
    expect(await headPosition()).toBe(head);

    const concluded = await mutate(
      'concludeResultsAnalysis',
      { planId: plan.id, ...conclusion },
      { selection: 'resultsAnalysis { concludedOn process { planned done } impact { objectiveId met } displacement { kind found } } results { met concluded }' },
    );
    expect(concluded).toMatchObject({
      __typename: 'PlanPayload',
      plan: {
        resultsAnalysis: {
          concludedOn: '2026-11-20',
          process: { planned: 1, done: 1 },
          impact: [{ objectiveId: 'fireworks-calls', met: true }],
          displacement: [
            { kind: 'temporal', found: false },
            { kind: 'spatial', found: true },
            { kind: 'target', found: false },
            { kind: 'tactical', found: false },
            { kind: 'offence', found: false },
          ],
        },
        results: [{ met: true, concluded: true }],
      },
    });
  });
});

describe('closure', () => {
  const closureSelection = 'stage closure { proposed canClose blockers closedOn signOffs { partyId satisfied comment } }';
  const notSatisfied = 'Fireworks are still being let off on Denby Dale Road most weekends.';

  it('closes only when everyone who raised the problem is satisfied; nothing changes after until it is reopened', async () => {
    const plan = await planInAssessment('Fireworks at Thornes Park: the closure story');
    await mutate('recordResultMeasurement', { planId: plan.id, objectiveId: 'fireworks-calls', measuredOn: '2026-11-16', value: 14 });
    expect(await mutate('proposeClosure', { planId: plan.id, justification: 'Calls down 65%, below target.', proposedOn: '2026-11-20' })).toMatchObject({
      code: 'PLAN_RESULTS_NOT_CONCLUDED',
    });
    await mutate('concludeResultsAnalysis', { planId: plan.id, ...conclusion });

    const proposed = await mutate(
      'proposeClosure',
      { planId: plan.id, justification: 'Calls about fireworks down 65%, below the target; residents report using the park again.', proposedOn: '2026-11-20' },
      { selection: closureSelection },
    );
    expect(proposed).toMatchObject({
      __typename: 'PlanPayload',
      plan: {
        stage: 'assessment',
        closure: {
          proposed: true,
          canClose: false,
          blockers: ['not yet signed off by Thornes Park Residents’ Association, Cllr Nadia Ahmed'],
          signOffs: [
            { partyId: 'thornes-tra', satisfied: null, comment: null },
            { partyId: 'cllr-ahmed', satisfied: null, comment: null },
          ],
        },
      },
    });

    await mutate('signOffClosure', { planId: plan.id, partyId: 'thornes-tra', satisfied: true, comment: 'The park is usable in the evenings again.', signedOn: '2026-11-20' });
    expect(await mutate('signOffClosure', { planId: plan.id, partyId: 'holmfield-tra', satisfied: true, comment: 'Fine by us.', signedOn: '2026-11-20' })).toEqual({
      __typename: 'RuleViolation',
      code: 'PLAN_PARTY_DID_NOT_RAISE',
      message: `"holmfield-tra" did not raise ${plan.reference}: only those who raised it sign off its closure.`,
    });
    const unsatisfied = await mutate('signOffClosure', { planId: plan.id, partyId: 'cllr-ahmed', satisfied: false, comment: notSatisfied, signedOn: '2026-11-20' }, { selection: closureSelection });
    expect(unsatisfied).toMatchObject({
      plan: {
        closure: {
          canClose: false,
          blockers: [`Cllr Nadia Ahmed is not satisfied: “${notSatisfied}”`],
          signOffs: [
            { partyId: 'thornes-tra', satisfied: true, comment: 'The park is usable in the evenings again.' },
            { partyId: 'cllr-ahmed', satisfied: false, comment: notSatisfied },
          ],
        },
      },
    });

    const head = await headPosition();
    expect(await mutate('closePlan', { planId: plan.id, closedOn: '2026-11-20' })).toEqual({
      __typename: 'RuleViolation',
      code: 'PLAN_RAISERS_NOT_SATISFIED',
      message: `${plan.reference} closes only when those who raised it are satisfied: Cllr Nadia Ahmed is not satisfied: “${notSatisfied}”.`,
    });
    expect(await headPosition()).toBe(head);

    const satisfied = await mutate(
      'signOffClosure',
      { planId: plan.id, partyId: 'cllr-ahmed', satisfied: true, comment: 'Denby Dale Road is quiet since the extra patrols.', signedOn: '2026-11-20' },
      { selection: closureSelection },
    );
    expect(satisfied).toMatchObject({ plan: { closure: { canClose: true, blockers: [] } } });

    const closed = await mutate('closePlan', { planId: plan.id, closedOn: '2026-11-20' }, { selection: closureSelection });
    expect(closed).toMatchObject({ __typename: 'PlanPayload', plan: { stage: 'closed', closure: { closedOn: '2026-11-20', canClose: false, blockers: [] } } });

    const after = await headPosition();
    expect(
      await mutate('recordMeeting', {
        planId: plan.id,
        meetingId: 'psm-after',
        heldOn: '2026-11-20',
        chair: 'PS Sarah Khan',
        attendees: [{ name: 'Amira Hussain', agencyId: 'council' }],
        decisions: [],
        actionsAgreed: [],
      }),
    ).toEqual({
      __typename: 'RuleViolation',
      code: 'PLAN_CLOSED',
      message: `${plan.reference} is closed: nothing changes on a closed plan until it is reopened, with a reason.`,
    });
    expect(await headPosition()).toBe(after);

    const reopened = await mutate(
      'reopenPlan',
      { planId: plan.id, reason: 'Fireworks calls rose again in the new year.', reopenedOn: '2026-11-20', resumeAt: 'analysis' },
      { selection: `${closureSelection} timeline { kind summary }` },
    );
    expect(reopened).toMatchObject({
      __typename: 'PlanPayload',
      plan: { stage: 'analysis', closure: { proposed: false, closedOn: null } },
    });
    expect(reopened.plan.timeline).toContainEqual({ kind: 'reopened', summary: 'Reopened at analysis: Fireworks calls rose again in the new year.' });
    expect(await mutate('reopenPlan', { planId: plan.id, reason: 'Again', reopenedOn: '2026-11-20' })).toEqual({
      __typename: 'RuleViolation',
      code: 'PLAN_NOT_CLOSED',
      message: `${plan.reference} is open: only a closed plan is reopened.`,
    });

    const escalated = await mutate(
      'escalatePlan',
      { planId: plan.id, resourceRequested: 'a Trading Standards officer for a month', reason: 'The council’s team cannot spare one before the new year.', escalatedOn: '2026-11-20' },
      { selection: 'stage timeline { on kind summary }' },
    );
    expect(escalated).toMatchObject({ __typename: 'PlanPayload', plan: { stage: 'analysis' } });
    expect(escalated.plan.timeline).toContainEqual({ on: '2026-11-20', kind: 'escalated', summary: 'Escalated to the TT&CG for a Trading Standards officer for a month' });
  });

  it('reopens at assessment when no stage is given, to be assessed afresh and put to the raisers again before it closes again', async () => {
    const plan = await planInAssessment('Fireworks at Thornes Park: closed and reopened');
    await mutate('recordResultMeasurement', { planId: plan.id, objectiveId: 'fireworks-calls', measuredOn: '2026-11-16', value: 14 });
    await mutate('concludeResultsAnalysis', { planId: plan.id, ...conclusion });
    await mutate('proposeClosure', { planId: plan.id, justification: 'Calls down 65%.', proposedOn: '2026-11-20' });
    for (const party of raisedBy) await mutate('signOffClosure', { planId: plan.id, partyId: party.partyId, satisfied: true, comment: 'Satisfied.', signedOn: '2026-11-20' });
    expect(await mutate('closePlan', { planId: plan.id, closedOn: '2026-11-20' }, { selection: 'stage' })).toMatchObject({ plan: { stage: 'closed' } });

    const reopened = await mutate('reopenPlan', { planId: plan.id, reason: 'The problem came back.', reopenedOn: '2026-11-20' }, { selection: closureSelection });
    expect(reopened).toMatchObject({
      plan: {
        stage: 'assessment',
        closure: {
          proposed: false,
          canClose: false,
          blockers: ['the results analysis is not concluded', 'no closure has been proposed with a justification'],
          closedOn: null,
          signOffs: [
            { partyId: 'thornes-tra', satisfied: null },
            { partyId: 'cllr-ahmed', satisfied: null },
          ],
        },
      },
    });
    expect(await mutate('closePlan', { planId: plan.id, closedOn: '2026-11-20' })).toMatchObject({ __typename: 'RuleViolation', code: 'PLAN_RESULTS_NOT_CONCLUDED' });
  });
});
