/**
 * What a plan says, over HTTP: objectives, scanning, analysis, response plans
 * and the two assessments. Each answer shows the change (read-your-writes);
 * each refusal is typed, names what is wrong, and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planStreamName } from '../../src/app/plan-stream.js';
import { startTestServer, type TestServer, demoNeighbourhoodId } from '../support/server.js';

let server: TestServer;
let coordinator: string;
let auditor: string;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
  auditor = await server.token({ userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'], name: 'Olivia Grant' });
});
afterAll(async () => {
  await server.close();
});

type Answer = Record<string, unknown> & { __typename: string };

async function openPlan(title: string): Promise<{ id: string; revision: number }> {
  const response = await server.graphql(
    `mutation($input: OpenPlanInput!) { openPlan(input: $input) { __typename ... on PlanPayload { plan { id revision } } } }`,
    {
      token: coordinator,
      variables: {
        input: {
          title,
          description: 'Fireworks thrown at people, cars and buses on Denby Dale Road and around the park gates, late October to mid November.',
          neighbourhoodId: demoNeighbourhoodId('thornes'),
          raisedBy: [
            { partyId: 'thornes-tra', name: 'Thornes Park Residents’ Association', kind: 'community-group' },
            { partyId: 'cllr-ahmed', name: 'Cllr Nadia Ahmed', kind: 'councillor' },
          ],
          openedOn: '2026-09-01',
        },
      },
    },
  );
  const opened = response.body.data!.openPlan as Answer & { plan: { id: string; revision: number } };
  expect(opened.__typename).toBe('PlanPayload');
  return opened.plan;
}

/** Sends one plan mutation and answers its result, whatever member of the union it is. */
async function mutate(name: string, input: Record<string, unknown>, planFields = 'revision', token = coordinator): Promise<Answer> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const response = await server.graphql(
    `mutation($input: ${inputType}!) {
      ${name}(input: $input) {
        __typename
        ... on PlanPayload { deduplicated plan { ${planFields} } }
        ... on ValidationError { message fieldErrors { path message } }
        ... on RuleViolation { code message }
        ... on ConflictError { message }
        ... on NotFound { message }
        ... on Forbidden { message }
      }
    }`,
    { token, variables: { input } },
  );
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  return response.body.data![name] as Answer;
}

async function headPosition() {
  return (await server.casebook.store.headPosition())?.commit ?? null;
}

/** The types of the events in a plan's stream, oldest first. */
async function eventTypes(planGlobalId: string): Promise<string[]> {
  const [typename, planId] = Buffer.from(planGlobalId, 'base64').toString('utf8').split(':');
  expect(typename).toBe('Plan');
  const types: string[] = [];
  for await (const event of server.casebook.store.readStream(planStreamName(planId!))) types.push(event.type);
  return types;
}

function paths(answer: Answer): string[] {
  expect(answer.__typename).toBe('ValidationError');
  return (answer.fieldErrors as Array<{ path: string }>).map((f) => f.path).sort();
}

const fireworkCalls = {
  objectiveId: 'firework-calls',
  statement: 'Reduce firework ASB calls around Thornes Park by half over the 2026 bonfire period.',
  measure: 'ASB calls to West Yorkshire Police within 500 m of Thornes Park, 20 October to 10 November.',
  baseline: 48,
  target: 24,
  byDate: '2026-11-30',
  aim: { kind: 'reduce', byPercent: 50 },
};

const OBJECTIVE_FIELDS =
  'revision objectives { objectiveId statement measure baseline target direction byDate aim { kind byPercent handedOverTo } } results { objectiveId baseline target latestValue met }';

describe('setObjective', () => {
  it('sets a SMART objective, and the answer shows it and its results line', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park');
    const answer = await mutate('setObjective', { planId: plan.id, objective: fireworkCalls }, OBJECTIVE_FIELDS);
    expect(answer).toEqual({
      __typename: 'PlanPayload',
      deduplicated: false,
      plan: {
        revision: 1,
        objectives: [
          {
            objectiveId: 'firework-calls',
            statement: 'Reduce firework ASB calls around Thornes Park by half over the 2026 bonfire period.',
            measure: 'ASB calls to West Yorkshire Police within 500 m of Thornes Park, 20 October to 10 November.',
            baseline: 48,
            target: 24,
            direction: 'decrease',
            byDate: '2026-11-30',
            aim: { kind: 'reduce', byPercent: 50, handedOverTo: null },
          },
        ],
        results: [{ objectiveId: 'firework-calls', baseline: 48, target: 24, latestValue: null, met: null }],
      },
    });
  });

  it('sets an increase objective handed over, and revises an objective sent again under its id', async () => {
    const plan = await openPlan('Illegal firework sales near Thornes Park');
    const tradingStandards = {
      objectiveId: 'test-purchases',
      statement: 'Increase test purchases of fireworks at shops around Thornes Park, then hand over to Trading Standards.',
      measure: 'Test purchase operations carried out at shops within 1 km of the park.',
      baseline: 2,
      target: 10,
      direction: 'increase',
      byDate: '2026-10-31',
      aim: { kind: 'hand-over', to: 'Wakefield Council Trading Standards' },
    };
    const set = await mutate('setObjective', { planId: plan.id, objective: tradingStandards }, OBJECTIVE_FIELDS);
    expect(set).toMatchObject({
      __typename: 'PlanPayload',
      plan: {
        revision: 1,
        objectives: [{ objectiveId: 'test-purchases', baseline: 2, target: 10, direction: 'increase', aim: { kind: 'hand-over', byPercent: null, handedOverTo: 'Wakefield Council Trading Standards' } }],
        results: [{ objectiveId: 'test-purchases', baseline: 2, target: 10, latestValue: null, met: null }],
      },
    });
    // A per cent sent with an aim that is not reduce is named as a mistake, and nothing is written.
    const mixed = await mutate('setObjective', { planId: plan.id, objective: { ...tradingStandards, target: 12, aim: { kind: 'eliminate', byPercent: 30 } } }, OBJECTIVE_FIELDS);
    expect(mixed).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: 'objective.aim' }] });
    const revised = await mutate('setObjective', { planId: plan.id, objective: { ...tradingStandards, target: 12, aim: { kind: 'eliminate' } } }, OBJECTIVE_FIELDS);
    expect(revised).toMatchObject({
      __typename: 'PlanPayload',
      plan: {
        revision: 2,
        objectives: [{ objectiveId: 'test-purchases', target: 12, aim: { kind: 'eliminate', byPercent: null, handedOverTo: null } }],
        results: [{ objectiveId: 'test-purchases', baseline: 2, target: 12 }],
      },
    });
    expect(await eventTypes(plan.id)).toEqual(['PlanOpened', 'ObjectiveSet', 'ObjectiveSet']);
  });

  it('names objective.aim.byPercent when a reduce aim leaves it out, and every other wrong field, writing nothing', async () => {
    const plan = await openPlan('Firework ASB on Denby Dale Road');
    const head = await headPosition();
    const noPercent = await mutate('setObjective', { planId: plan.id, objective: { ...fireworkCalls, aim: { kind: 'reduce' } } });
    expect(noPercent).toEqual({
      __typename: 'ValidationError',
      message: 'The input is not valid: objective.aim.byPercent: a reduce aim says by how many per cent',
      fieldErrors: [{ path: 'objective.aim.byPercent', message: 'a reduce aim says by how many per cent' }],
    });
    // An explicit null is the same as leaving it out.
    const nullPercent = await mutate('setObjective', { planId: plan.id, objective: { ...fireworkCalls, aim: { kind: 'reduce', byPercent: null } } });
    expect(paths(nullPercent)).toEqual(['objective.aim.byPercent']);
    const noOneToHandTo = await mutate('setObjective', { planId: plan.id, objective: { ...fireworkCalls, aim: { kind: 'hand-over', to: '  ' } } });
    expect(noOneToHandTo).toMatchObject({ fieldErrors: [{ path: 'objective.aim.to', message: 'who takes it over cannot be empty' }] });
    const unknownKind = await mutate('setObjective', { planId: plan.id, objective: { ...fireworkCalls, aim: { kind: 'halve' } } });
    expect(unknownKind).toMatchObject({
      fieldErrors: [{ path: 'objective.aim.kind', message: "Invalid discriminator value. Expected 'eliminate' | 'reduce' | 'reduce-seriousness' | 'handle-more-efficiently' | 'hand-over'" }],
    });
    const overHundred = await mutate('setObjective', { planId: plan.id, objective: { ...fireworkCalls, aim: { kind: 'reduce', byPercent: 150 } } });
    expect(overHundred).toMatchObject({ fieldErrors: [{ path: 'objective.aim.byPercent', message: 'at most 100 per cent' }] });
    const allWrong = await mutate('setObjective', {
      planId: plan.id,
      objective: { ...fireworkCalls, objectiveId: 'Firework Calls', statement: '   ', measure: 'x'.repeat(301), direction: 'sideways' },
    });
    expect(allWrong).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: expect.arrayContaining([
        { path: 'objective.statement', message: 'the objective cannot be empty' },
        { path: 'objective.measure', message: 'at most 300 characters' },
        { path: 'objective.objectiveId', message: 'lower-case letters, digits and hyphens, up to 64, e.g. `residents-panel`' },
        { path: 'objective.direction', message: 'Invalid option: expected one of "decrease"|"increase"' },
      ]),
    });
    expect(paths(allWrong)).toEqual(['objective.direction', 'objective.measure', 'objective.objectiveId', 'objective.statement']);
    expect(await headPosition()).toBe(head);
    expect(await eventTypes(plan.id)).toEqual(['PlanOpened']);
  });

  it('refuses a target that is no improvement, and a date before the plan was opened, as rules, writing nothing', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (rules)');
    const head = await headPosition();
    const worse = await mutate('setObjective', { planId: plan.id, objective: { ...fireworkCalls, target: 60 } });
    expect(worse).toEqual({
      __typename: 'RuleViolation',
      code: 'OBJECTIVE_TARGET_NOT_AN_IMPROVEMENT',
      message: 'The target 60 is not below the baseline 48, and this objective aims to decrease it: a SMART objective sets out to change something.',
    });
    const same = await mutate('setObjective', { planId: plan.id, objective: { ...fireworkCalls, target: 48 } });
    expect(same).toMatchObject({ __typename: 'RuleViolation', code: 'OBJECTIVE_TARGET_NOT_AN_IMPROVEMENT' });
    const wrongWay = await mutate('setObjective', { planId: plan.id, objective: { ...fireworkCalls, direction: 'increase' } });
    expect(wrongWay).toMatchObject({ __typename: 'RuleViolation', code: 'OBJECTIVE_TARGET_NOT_AN_IMPROVEMENT' });
    const early = await mutate('setObjective', { planId: plan.id, objective: { ...fireworkCalls, byDate: '2026-08-31' } });
    expect(early).toEqual({
      __typename: 'RuleViolation',
      code: 'OBJECTIVE_DATE_BEFORE_OPENING',
      message: "The objective's date 2026-08-31 is before the plan was opened (2026-09-01).",
    });
    expect(await headPosition()).toBe(head);
  });
});

const scanning = {
  initialIndicators: [
    '48 ASB calls mentioning fireworks within 500 m of the park, 20 October to 10 November 2025',
    'Two buses withdrawn from Denby Dale Road after fireworks were thrown at them',
  ],
  description:
    'Groups of young people gather at the Thornes Park gates and on Denby Dale Road in the fortnight around bonfire night, throwing lit fireworks at passers-by, cars and buses.',
  where: 'Thornes Park, its Denby Dale Road and Horbury Road gates, and the Lowe Lane underpass.',
  when: '16:00 to 22:00, 20 October to 10 November, peaking on 5 November.',
  reportedBy: 'Thornes Park Residents’ Association, Arriva Yorkshire and Cllr Nadia Ahmed.',
  sources: ['calls-for-service', 'partner-data', 'community-engagement'],
  whyPrioritised: 'Signal crime for the neighbourhood: residents voted it their top priority at the September PACT meeting.',
};

describe('recordScanning', () => {
  it('records the scanning section, and the answer shows it', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (scanning)');
    const answer = await mutate('recordScanning', { planId: plan.id, scanning }, 'revision scanning { initialIndicators description where when reportedBy sources whyPrioritised }');
    expect(answer).toEqual({ __typename: 'PlanPayload', deduplicated: false, plan: { revision: 1, scanning } });
  });

  it('names each wrong field, including a source it does not know and an empty list, writing nothing', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (bad scanning)');
    const head = await headPosition();
    const refused = await mutate('recordScanning', {
      planId: plan.id,
      scanning: { ...scanning, initialIndicators: [], description: 'x'.repeat(4001), sources: ['calls-for-service', 'twitter'], whyPrioritised: ' ' },
    });
    expect(paths(refused)).toEqual(['scanning.description', 'scanning.initialIndicators', 'scanning.sources.1', 'scanning.whyPrioritised']);
    expect(refused).toMatchObject({
      fieldErrors: expect.arrayContaining([
        { path: 'scanning.initialIndicators', message: 'name at least one initial indicator' },
        { path: 'scanning.description', message: 'at most 4000 characters' },
      ]),
    });
    const noSources = await mutate('recordScanning', { planId: plan.id, scanning: { ...scanning, sources: [] } });
    expect(noSources).toMatchObject({ fieldErrors: [{ path: 'scanning.sources', message: 'name at least one source' }] });
    expect(await headPosition()).toBe(head);
  });
});

const analysis = {
  problemMatrix: {
    what: 'Lit fireworks thrown at people, cars and buses; bins set alight.',
    offenders: 'Groups of 10 to 20 young people aged 13 to 17, most from Thornes and Lupset.',
    victims: 'Bus drivers and passengers, dog walkers, residents of Denby Dale Road.',
    where: 'The Denby Dale Road gates and the Lowe Lane underpass.',
    when: 'After dark, 20 October to 10 November; worst on 4 and 5 November.',
    how: 'Fireworks bought from two shops on Horbury Road, some by adults for the group.',
    howOften: 'Nightly in the peak week; 48 calls in three weeks last year.',
    impact: 'Bus services withdrawn after 18:00; older residents stay in.',
    repeats: 'The same shops sell to the same groups each year; two buses were hit twice.',
  },
  triangle: {
    offender: { description: 'Young people gathering at the gates after dark.', handler: 'Parents, Wakefield Youth Service detached workers, schools.' },
    target: { description: 'Buses on route 231 and people walking past the gates.', guardian: 'Arriva Yorkshire drivers and the park wardens.' },
    place: { description: 'Unlit gates and underpass with no natural surveillance.', manager: 'Wakefield Council Parks and Green Spaces.' },
  },
  hypotheses: ['The unlit gates give cover after dark.', 'Fireworks are sold to under-18s, directly or by proxy, on Horbury Road.'],
  dataUsed: ['West Yorkshire Police STORM calls, 2023 to 2025', 'Arriva Yorkshire incident log', 'Wakefield Council Trading Standards complaints'],
};

describe('recordAnalysis', () => {
  it('records the analysis, and the answer shows each side of the triangle with its controller', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (analysis)');
    const answer = await mutate(
      'recordAnalysis',
      { planId: plan.id, analysis },
      `revision analysis {
        problemMatrix { what offenders victims where when how howOften impact repeats }
        triangle { offender { description controller } target { description controller } place { description controller } }
        hypotheses dataUsed
      }`,
    );
    expect(answer).toEqual({
      __typename: 'PlanPayload',
      deduplicated: false,
      plan: {
        revision: 1,
        analysis: {
          problemMatrix: analysis.problemMatrix,
          triangle: {
            offender: { description: 'Young people gathering at the gates after dark.', controller: 'Parents, Wakefield Youth Service detached workers, schools.' },
            target: { description: 'Buses on route 231 and people walking past the gates.', controller: 'Arriva Yorkshire drivers and the park wardens.' },
            place: { description: 'Unlit gates and underpass with no natural surveillance.', controller: 'Wakefield Council Parks and Green Spaces.' },
          },
          hypotheses: analysis.hypotheses,
          dataUsed: analysis.dataUsed,
        },
      },
    });
  });

  it('names wrong fields deep in the matrix and the triangle, writing nothing', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (bad analysis)');
    const head = await headPosition();
    const refused = await mutate('recordAnalysis', {
      planId: plan.id,
      analysis: {
        ...analysis,
        problemMatrix: { ...analysis.problemMatrix, howOften: '   ' },
        triangle: { ...analysis.triangle, place: { ...analysis.triangle.place, manager: '' } },
        hypotheses: [],
        dataUsed: ['STORM calls', 'y'.repeat(501)],
      },
    });
    expect(paths(refused)).toEqual(['analysis.dataUsed.1', 'analysis.hypotheses', 'analysis.problemMatrix.howOften', 'analysis.triangle.place.manager']);
    expect(refused).toMatchObject({
      fieldErrors: expect.arrayContaining([
        { path: 'analysis.triangle.place.manager', message: 'the place manager cannot be empty' },
        { path: 'analysis.hypotheses', message: 'state at least one hypothesis' },
      ]),
    });
    expect(await headPosition()).toBe(head);
  });
});

describe('recordResponsePlan', () => {
  it('records a plan per strand, and the answer shows every strand recorded', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (response)');
    const prevention = await mutate(
      'recordResponsePlan',
      {
        planId: plan.id,
        strand: 'prevention',
        plan: 'Temporary lighting at the Denby Dale Road gates and the Lowe Lane underpass from 20 October; Youth Service detached work on the three peak nights.',
        communicationStrategy: 'Letters to 600 households, posts on the Thornes Park Facebook group, assemblies at two schools.',
        communityEngagement: 'Residents’ Association volunteers on a bonfire night walkabout with the PCSOs.',
      },
      'revision responsePlans { strand plan communicationStrategy communityEngagement }',
    );
    expect(prevention).toMatchObject({ __typename: 'PlanPayload', plan: { revision: 1 } });
    const enforcement = await mutate(
      'recordResponsePlan',
      {
        planId: plan.id,
        strand: 'enforcement',
        plan: 'Section 35 dispersal order for the park, 31 October to 6 November; Trading Standards test purchases on Horbury Road.',
        communicationStrategy: 'Dispersal order notices at every gate; press release with Wakefield Council.',
      },
      'revision responsePlans { strand plan communicationStrategy communityEngagement }',
    );
    expect(enforcement).toEqual({
      __typename: 'PlanPayload',
      deduplicated: false,
      plan: {
        revision: 2,
        responsePlans: [
          {
            strand: 'prevention',
            plan: 'Temporary lighting at the Denby Dale Road gates and the Lowe Lane underpass from 20 October; Youth Service detached work on the three peak nights.',
            communicationStrategy: 'Letters to 600 households, posts on the Thornes Park Facebook group, assemblies at two schools.',
            communityEngagement: 'Residents’ Association volunteers on a bonfire night walkabout with the PCSOs.',
          },
          {
            strand: 'enforcement',
            plan: 'Section 35 dispersal order for the park, 31 October to 6 November; Trading Standards test purchases on Horbury Road.',
            communicationStrategy: 'Dispersal order notices at every gate; press release with Wakefield Council.',
            communityEngagement: null,
          },
        ],
      },
    });
  });

  it('names each wrong field, writing nothing; a strand that is not one is refused by the schema itself', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (bad response)');
    const head = await headPosition();
    const refused = await mutate('recordResponsePlan', { planId: plan.id, strand: 'intelligence', plan: '  ', communicationStrategy: 'z'.repeat(2001), communityEngagement: '' });
    expect(refused).toEqual({
      __typename: 'ValidationError',
      message: expect.any(String),
      fieldErrors: [
        { path: 'plan', message: 'the plan cannot be empty' },
        { path: 'communicationStrategy', message: 'at most 2000 characters' },
        { path: 'communityEngagement', message: 'the community engagement cannot be empty' },
      ],
    });
    const response = await server.graphql(`mutation($input: RecordResponsePlanInput!) { recordResponsePlan(input: $input) { __typename } }`, {
      token: coordinator,
      variables: { input: { planId: plan.id, strand: 'diversion', plan: 'Youth club', communicationStrategy: 'Leaflets' } },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors![0]!.message).toContain('ResponseStrand');
    expect(await headPosition()).toBe(head);
  });
});

const ASSESSMENT_FIELDS = 'revision riskAssessments { level reasons assessedOn } communityImpactAssessments { level reasons assessedOn }';

describe('assessPlanRisk', () => {
  it('records each assessment, oldest first, and the answer shows them', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (risk)');
    const first = await mutate('assessPlanRisk', { planId: plan.id, level: 'high', reasons: 'A bus driver was hurt last year; fireworks thrown at moving vehicles.', assessedOn: '2026-10-15' }, ASSESSMENT_FIELDS);
    expect(first).toEqual({
      __typename: 'PlanPayload',
      deduplicated: false,
      plan: {
        revision: 1,
        riskAssessments: [{ level: 'high', reasons: 'A bus driver was hurt last year; fireworks thrown at moving vehicles.', assessedOn: '2026-10-15' }],
        communityImpactAssessments: [],
      },
    });
    const second = await mutate('assessPlanRisk', { planId: plan.id, level: 'medium', reasons: 'Dispersal order in force; no vehicles hit since.', assessedOn: '2026-11-06' }, ASSESSMENT_FIELDS);
    expect(second).toMatchObject({
      plan: {
        revision: 2,
        riskAssessments: [
          { level: 'high', assessedOn: '2026-10-15' },
          { level: 'medium', reasons: 'Dispersal order in force; no vehicles hit since.', assessedOn: '2026-11-06' },
        ],
      },
    });
  });

  it('does the work of an idempotency key once: the second answer is deduplicated and there is one event', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (retried)');
    const input = { planId: plan.id, level: 'high', reasons: 'Fireworks thrown at buses on Denby Dale Road.', assessedOn: '2026-10-20', idempotencyKey: 'thornes-risk-2026-10-20' };
    const first = await mutate('assessPlanRisk', input, ASSESSMENT_FIELDS);
    expect(first).toMatchObject({ __typename: 'PlanPayload', deduplicated: false, plan: { revision: 1 } });
    const head = await headPosition();
    const again = await mutate('assessPlanRisk', input, ASSESSMENT_FIELDS);
    expect(again).toEqual({
      __typename: 'PlanPayload',
      deduplicated: true,
      plan: { revision: 1, riskAssessments: [{ level: 'high', reasons: 'Fireworks thrown at buses on Denby Dale Road.', assessedOn: '2026-10-20' }], communityImpactAssessments: [] },
    });
    expect(await headPosition()).toBe(head);
    expect(await eventTypes(plan.id)).toEqual(['PlanOpened', 'PlanRiskAssessed']);
  });

  it('refuses an assessment dated in the future as a rule, and invalid input with its fields, writing nothing', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (risk refused)');
    const head = await headPosition();
    const future = await mutate('assessPlanRisk', { planId: plan.id, level: 'low', reasons: 'Quiet so far.', assessedOn: '2099-01-01' });
    expect(future).toEqual({ __typename: 'RuleViolation', code: 'DATE_IN_FUTURE', message: 'The assessment (2099-01-01) is in the future: record it once it has happened.' });
    const invalid = await mutate('assessPlanRisk', { planId: plan.id, level: 'low', reasons: ' ', assessedOn: '2026-10-15' });
    expect(invalid).toEqual({ __typename: 'ValidationError', message: expect.any(String), fieldErrors: [{ path: 'reasons', message: 'the reasons cannot be empty' }] });
    expect(await headPosition()).toBe(head);
  });
});

describe('assessCommunityImpact', () => {
  it('records the assessment apart from the risk, and the answer shows it', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (impact)');
    const answer = await mutate(
      'assessCommunityImpact',
      { planId: plan.id, level: 'high', reasons: 'Buses withdrawn after 18:00; older residents of Denby Dale Road say they stay in all week.', assessedOn: '2026-10-15' },
      ASSESSMENT_FIELDS,
    );
    expect(answer).toEqual({
      __typename: 'PlanPayload',
      deduplicated: false,
      plan: {
        revision: 1,
        riskAssessments: [],
        communityImpactAssessments: [{ level: 'high', reasons: 'Buses withdrawn after 18:00; older residents of Denby Dale Road say they stay in all week.', assessedOn: '2026-10-15' }],
      },
    });
  });

  it('refuses an assessment dated in the future as a rule, and invalid input with its fields, writing nothing', async () => {
    const plan = await openPlan('Bonfire night disorder at Thornes Park (impact refused)');
    const head = await headPosition();
    const future = await mutate('assessCommunityImpact', { planId: plan.id, level: 'medium', reasons: 'Expected to ease.', assessedOn: '2099-01-01' });
    expect(future).toMatchObject({ __typename: 'RuleViolation', code: 'DATE_IN_FUTURE' });
    const invalid = await mutate('assessCommunityImpact', { planId: plan.id, level: 'medium', reasons: 'r'.repeat(2001), assessedOn: '2026-10-15' });
    expect(invalid).toEqual({ __typename: 'ValidationError', message: expect.any(String), fieldErrors: [{ path: 'reasons', message: 'at most 2000 characters' }] });
    expect(await headPosition()).toBe(head);
  });
});

describe('an auditor', () => {
  const inputs: Array<[string, Record<string, unknown>]> = [
    ['setObjective', { objective: fireworkCalls }],
    ['recordScanning', { scanning }],
    ['recordAnalysis', { analysis }],
    ['recordResponsePlan', { strand: 'intelligence', plan: 'Map the groups with the Youth Service.', communicationStrategy: 'Partners only.' }],
    ['assessPlanRisk', { level: 'high', reasons: 'Vehicles targeted.', assessedOn: '2026-10-15' }],
    ['assessCommunityImpact', { level: 'high', reasons: 'Buses withdrawn.', assessedOn: '2026-10-15' }],
  ];

  it.each(inputs)('is refused %s as Forbidden, and nothing is written', async (name, input) => {
    const plan = await openPlan(`Bonfire night disorder at Thornes Park (auditor, ${name})`);
    const head = await headPosition();
    expect(await mutate(name, { planId: plan.id, ...input }, 'revision', auditor)).toEqual({ __typename: 'Forbidden', message: 'Auditors read the record; they change nothing.' });
    expect(await headPosition()).toBe(head);
    expect(await eventTypes(plan.id)).toEqual(['PlanOpened']);
  });
});
