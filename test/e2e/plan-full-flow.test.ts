/**
 * A plan from opening to a justified closure, over GraphQL alone, as a
 * co-ordination group would run it: the owner, scanning, analysis, an
 * objective, a response action done by youth services, a supervisory review,
 * results, and closure only once both parties who raised it are satisfied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let sarah: string;
let grace: string;
let rachel: string;

beforeAll(async () => {
  server = await startTestServer({ demo: false });
  sarah = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
  grace = await server.token({ userId: 'grace.mensah', agencyId: 'youth', roles: ['partner'], name: 'Grace Mensah' });
  rachel = await server.token({ userId: 'rachel.okafor', agencyId: 'police', roles: ['supervisor'], name: 'Insp. Rachel Okafor' });
});
afterAll(async () => {
  await server.close();
});

const PAYLOADS = {
  plan: '... on PlanPayload { plan { revision stage responseActions { agencyId outcome } closure { canClose blockers } } }',
  action: '... on ActionPayload { action { id reference status } plan { revision stage responseActions { agencyId outcome } } }',
};

const ERRORS = `__typename
  ... on RuleViolation { code message }
  ... on ValidationError { fieldErrors { path message } }
  ... on ConflictError { expectedRevision actualRevision }
  ... on Forbidden { message }
  ... on NotFound { message }`;

type Outcome = {
  __typename: string;
  code?: string;
  message?: string;
  plan?: { revision: number; stage: string; responseActions: Array<{ agencyId?: string; outcome: string | null }>; closure?: { canClose: boolean; blockers: string[] } };
  action?: { id: string; reference: string; status: string };
};

async function mutate(name: string, input: Record<string, unknown>, token = sarah): Promise<Outcome> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const payload = name.includes('Action') ? PAYLOADS.action : PAYLOADS.plan;
  const response = await server.graphql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${ERRORS} ${payload} } }`, { token, variables: { input } });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data![name] as Outcome;
}

describe('a plan from opening to closure, over GraphQL alone', () => {
  it('is run by the partnership and closes only once both raisers are satisfied', async () => {
    // An empty partnership: the neighbourhood is defined first, as a coordinator would.
    const defined = await server.graphql(
      `mutation($input: DefineNeighbourhoodInput!) { defineNeighbourhood(input: $input) { ... on NeighbourhoodPayload { neighbourhood { neighbourhoodId } } } }`,
      { token: sarah, variables: { input: { name: 'Thornes', kind: 'WARD', area: 'Thornes Park and the streets around it' } } },
    );
    const thornes = (defined.body.data!.defineNeighbourhood as { neighbourhood: { neighbourhoodId: string } }).neighbourhood.neighbourhoodId;
    const opened = await server.graphql(
      `mutation($input: OpenPlanInput!) { openPlan(input: $input) { ... on PlanPayload { plan { id reference stage } } } }`,
      {
        token: sarah,
        variables: {
          input: {
            title: 'Bonfire night disorder at Thornes Park',
            neighbourhoodId: thornes,
            raisedBy: [
              { partyId: 'thornes-tra', name: 'Thornes Park Residents’ Association', kind: 'community-group' },
              { partyId: 'cllr-ahmed', name: 'Cllr Nadia Ahmed', kind: 'councillor' },
            ],
            openedOn: '2026-09-01',
          },
        },
      },
    );
    const plan = (opened.body.data!.openPlan as { plan: { id: string; reference: string; stage: string } }).plan;
    expect(plan.stage).toBe('scanning');
    const planId = plan.id;

    expect(await mutate('assignPlanOwner', { planId, owner: { name: 'Grace Mensah', role: 'Detached youth worker', agencyId: 'youth' }, expectedRevision: 0 })).toMatchObject({ plan: { revision: 1 } });
    expect(await mutate('advancePlanStage', { planId, to: 'analysis' })).toMatchObject({ code: 'PLAN_NOT_READY_FOR_ANALYSIS' });
    await mutate('recordScanning', {
      planId,
      scanning: {
        initialIndicators: ['Firework ASB calls doubled in the last fortnight of October'],
        description: 'Fireworks thrown at people, buses and cars at the Denby Dale Road entrance.',
        where: 'Thornes Park',
        when: 'Evenings, 20 October to 6 November',
        reportedBy: 'Residents and bus drivers',
        sources: ['calls-for-service', 'community-engagement'],
        whyPrioritised: 'Voted top at the September PACT meeting.',
      },
    });
    expect(await mutate('advancePlanStage', { planId, to: 'analysis' })).toMatchObject({ plan: { stage: 'analysis' } });
    await mutate('recordAnalysis', {
      planId,
      analysis: {
        problemMatrix: { what: 'Fireworks thrown', offenders: 'Groups of 12 to 16 year olds', victims: 'Passers-by, bus drivers', where: 'The park entrance', when: 'Evenings before 5 November', how: 'Fireworks bought locally', howOften: 'Nightly at the peak', impact: 'Residents stay in', repeats: 'Every year' },
        triangle: {
          offender: { description: 'Bored young people', handler: 'Parents, youth workers' },
          target: { description: 'People and vehicles', guardian: 'Park wardens, bus operators' },
          place: { description: 'An unlit entrance', manager: 'Council parks' },
        },
        hypotheses: ['Nothing else to do on those evenings'],
        dataUsed: ['Police ASB calls, three years'],
      },
    });
    await mutate('setObjective', {
      planId,
      objective: { objectiveId: 'fewer-calls', statement: 'Halve firework ASB calls', measure: 'Firework ASB calls, 20 Oct to 6 Nov', baseline: 48, target: 24, byDate: '2026-11-30', aim: { kind: 'reduce', byPercent: 50 } },
    });
    expect(await mutate('advancePlanStage', { planId, to: 'response' })).toMatchObject({ plan: { stage: 'response' } });
    await mutate('recordResponsePlan', { planId, strand: 'prevention', plan: 'Diversionary events on the four Fridays before bonfire night', communicationStrategy: 'Flyers through schools' });
    expect(await mutate('advancePlanStage', { planId, to: 'assessment' })).toMatchObject({ code: 'PLAN_NOT_READY_FOR_ASSESSMENT' });

    // The response is carried out as a partner action: assigned, then accepted and done by youth services.
    const assigned = await mutate('assignAction', { planId, assignee: { agencyId: 'youth', person: 'Grace Mensah' }, description: 'Run diversionary events on the four Fridays before bonfire night', dueOn: '2026-10-30' });
    expect(assigned).toMatchObject({ __typename: 'ActionPayload', action: { reference: expect.stringMatching(/^ACT-2026-\d{4}$/), status: 'assigned' }, plan: { responseActions: [{ agencyId: 'youth', outcome: null }] } });
    const actionId = assigned.action!.id;
    expect(await mutate('completeAction', { actionId, outcome: 'x', evidence: 'y', doneOn: '2026-10-30' }, rachel)).toMatchObject({ code: 'ACTION_NOT_YOURS' });
    expect(await mutate('acceptAction', { actionId }, grace)).toMatchObject({ action: { status: 'accepted' } });
    expect(await mutate('reportActionProgress', { actionId, note: 'Two Fridays done, 60 young people came.' }, grace)).toMatchObject({ action: { status: 'in_progress' } });
    expect(await mutate('completeAction', { actionId, outcome: 'Four events, 120 young people', evidence: 'Attendance sheets at the youth centre', doneOn: '2026-10-30' }, grace)).toMatchObject({
      action: { status: 'done' },
      plan: { responseActions: [{ agencyId: 'youth', outcome: 'done' }] },
    });
    expect(await mutate('advancePlanStage', { planId, to: 'assessment' })).toMatchObject({ plan: { stage: 'assessment' } });

    await mutate('scheduleReview', { planId, reviewId: 'final', dueOn: '2026-11-10' });
    expect(await mutate('completeReview', { planId, reviewId: 'final', doneOn: '2026-11-10', finding: 'Sound work.' })).toMatchObject({ code: 'REVIEW_NEEDS_SUPERVISOR' });
    expect(await mutate('completeReview', { planId, reviewId: 'final', doneOn: '2026-11-10', finding: 'Sound work; keep the Fridays next year.' }, rachel)).toMatchObject({ __typename: 'PlanPayload' });
    await mutate('recordResultMeasurement', { planId, objectiveId: 'fewer-calls', measuredOn: '2026-11-10', value: 19, comparisonAreaValue: 41 });
    await mutate('concludeResultsAnalysis', {
      planId,
      concludedOn: '2026-11-12',
      impact: [{ objectiveId: 'fewer-calls', met: true, note: '19 against a target of 24.' }],
      whatWorked: 'The Friday events.',
      whatDidNot: 'Nothing of note.',
      displacement: {
        temporal: { found: false, note: 'No rise after 6 November.' },
        spatial: { found: false, note: 'Holmfield Park unchanged.' },
        target: { found: false, note: 'No other targets.' },
        tactical: { found: false, note: 'No new tactics.' },
        offence: { found: false, note: 'Criminal damage unchanged.' },
      },
      diffusionOfBenefits: 'Calls fell on nearby streets too.',
    });
    await mutate('proposeClosure', { planId, justification: 'Calls more than halved; residents report a quiet bonfire night.', proposedOn: '2026-11-13' });
    await mutate('signOffClosure', { planId, partyId: 'thornes-tra', satisfied: true, comment: 'A much quieter year.', signedOn: '2026-11-14' });
    await mutate('signOffClosure', { planId, partyId: 'cllr-ahmed', satisfied: false, comment: 'Still trouble on Denby Dale Road.', signedOn: '2026-11-14' });

    const refused = await mutate('closePlan', { planId, closedOn: '2026-11-15' });
    expect(refused).toEqual({
      __typename: 'RuleViolation',
      code: 'PLAN_RAISERS_NOT_SATISFIED',
      message: `${plan.reference} closes only when those who raised it are satisfied: Cllr Nadia Ahmed is not satisfied: “Still trouble on Denby Dale Road.”.`,
    });

    await mutate('signOffClosure', { planId, partyId: 'cllr-ahmed', satisfied: true, comment: 'Quiet since the extra patrols.', signedOn: '2026-11-16' });
    const closed = await mutate('closePlan', { planId, closedOn: '2026-11-16' });
    expect(closed).toMatchObject({ __typename: 'PlanPayload', plan: { stage: 'closed', closure: { canClose: false, blockers: [] } } });

    const read = await server.graphql(
      `query($id: ID!) { plan(id: $id) { stage resultsAnalysis { process { planned done doneLate } } closure { closedOn justification signOffs { partyId satisfied } } timeline { kind } } planReport(id: $id) }`,
      { token: grace, variables: { id: planId } },
    );
    const final = read.body.data!.plan as { stage: string; resultsAnalysis: unknown; closure: unknown; timeline: Array<{ kind: string }> };
    expect(final.stage).toBe('closed');
    expect(final.resultsAnalysis).toEqual({ process: { planned: 1, done: 1, doneLate: 0 } });
    expect(final.closure).toEqual({
      closedOn: '2026-11-16',
      justification: 'Calls more than halved; residents report a quiet bonfire night.',
      signOffs: [
        { partyId: 'thornes-tra', satisfied: true },
        { partyId: 'cllr-ahmed', satisfied: true },
      ],
    });
    expect(final.timeline.map((h) => h.kind)).toEqual(expect.arrayContaining(['opened', 'action-due', 'action-outcome', 'review-done', 'results', 'sign-off', 'closed']));
    expect(read.body.data!.planReport).toMatch(/^# Bonfire night disorder at Thornes Park \(PSP-2026-\d{4}\)/);

    // Closed: nothing changes now but reopening.
    expect(await mutate('recordResponsePlan', { planId, strand: 'enforcement', plan: 'x', communicationStrategy: 'y' })).toMatchObject({ code: 'PLAN_CLOSED' });
  });
});
