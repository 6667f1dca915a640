/**
 * Plans over HTTP, as a partner's system or a browser would use them: typed
 * answers for every outcome, and nothing written when the answer is an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const PLAN_FIELDS = 'id reference revision title stage openedOn owner { name agencyId communityGroup } raisedBy { partyId name kind } closure { canClose blockers } timeline { on kind summary }';

const OPEN = `mutation Open($input: OpenPlanInput!) {
  openPlan(input: $input) {
    __typename
    ... on PlanPayload { deduplicated plan { ${PLAN_FIELDS} } }
    ... on ValidationError { message fieldErrors { path message } }
    ... on RuleViolation { code message }
    ... on Forbidden { message }
  }
}`;

const ASSIGN_OWNER = `mutation Owner($input: AssignPlanOwnerInput!) {
  assignPlanOwner(input: $input) {
    __typename
    ... on PlanPayload { plan { revision owner { name agencyId } } }
    ... on ValidationError { fieldErrors { path message } }
    ... on ConflictError { message expectedRevision actualRevision }
    ... on RuleViolation { code }
    ... on NotFound { message }
    ... on Forbidden { message }
  }
}`;

const bonfire = {
  title: 'Bonfire night disorder at Thornes Park',
  description: 'Fireworks thrown at people and cars around the park.',
  neighbourhoodId: demoNeighbourhoodId('thornes'),
  raisedBy: [
    { partyId: 'thornes-tra', name: 'Thornes Park Residents’ Association', kind: 'community-group' },
    { partyId: 'cllr-ahmed', name: 'Cllr Nadia Ahmed', kind: 'councillor' },
  ],
  openedOn: '2026-09-01',
};

async function open(input: Record<string, unknown>, token = coordinator) {
  const response = await server.graphql(OPEN, { token, variables: { input } });
  expect(response.status).toBe(200);
  return response.body.data!.openPlan as Record<string, unknown> & { plan: { id: string; reference: string; revision: number } };
}

async function headPosition() {
  return (await server.casebook.store.headPosition())?.commit ?? null;
}

describe('openPlan', () => {
  it('opens a plan in scanning with the year’s next reference, and the answer already shows it', async () => {
    const opened = await open(bonfire);
    expect(opened.__typename).toBe('PlanPayload');
    expect(opened.deduplicated).toBe(false);
    expect(opened.plan).toMatchObject({
      reference: expect.stringMatching(/^PSP-2026-\d{4}$/),
      revision: 0,
      title: 'Bonfire night disorder at Thornes Park',
      stage: 'scanning',
      openedOn: '2026-09-01',
      owner: null,
      raisedBy: [
        { partyId: 'thornes-tra', name: 'Thornes Park Residents’ Association', kind: 'community-group' },
        { partyId: 'cllr-ahmed', name: 'Cllr Nadia Ahmed', kind: 'councillor' },
      ],
      closure: { canClose: false, blockers: ['the results analysis is not concluded', 'no closure has been proposed with a justification'] },
      timeline: [{ on: '2026-09-01', kind: 'opened', summary: 'Opened as ' + opened.plan.reference + ', raised by Thornes Park Residents’ Association, Cllr Nadia Ahmed' }],
    });
    const found = await server.graphql(`query($id: ID!) { plan(id: $id) { reference title } }`, { token: coordinator, variables: { id: opened.plan.id } });
    expect(found.body).toEqual({ data: { plan: { reference: opened.plan.reference, title: bonfire.title } } });
  });

  it('numbers plans in the order they are opened, even when opened at once', async () => {
    const opened = await Promise.all([1, 2, 3, 4].map((n) => open({ ...bonfire, title: `Plan opened at once ${n}` })));
    const numbers = opened.map((o) => Number(o.plan.reference.slice(-4))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(4);
    expect(numbers[3]! - numbers[0]!).toBe(3);
  });

  it('does the work of an idempotency key once and answers the same plan', async () => {
    const first = await open({ ...bonfire, title: 'Off-road bikes in Fryston woods', idempotencyKey: 'open-fryston-1' });
    const head = await headPosition();
    const again = await open({ ...bonfire, title: 'Off-road bikes in Fryston woods', idempotencyKey: 'open-fryston-1' });
    expect(again).toMatchObject({ deduplicated: true, plan: { id: first.plan.id, reference: first.plan.reference, revision: 0 } });
    expect(await headPosition()).toBe(head);
  });

  it('answers invalid input with every wrong field named, and writes nothing', async () => {
    const head = await headPosition();
    const refused = await open({ ...bonfire, title: '   ', neighbourhoodId: 'whitwood', raisedBy: [{ partyId: 'Thornes TRA', name: 'x', kind: 'mob' }] });
    expect(refused.__typename).toBe('ValidationError');
    expect((refused.fieldErrors as Array<{ path: string }>).map((f) => f.path).sort()).toEqual(['neighbourhoodId', 'raisedBy.0.kind', 'raisedBy.0.partyId', 'title']);
    const nobody = await open({ ...bonfire, raisedBy: [] });
    expect(nobody).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: 'raisedBy', message: 'name who raised the problem: they must be satisfied before it closes' }] });
    expect(await headPosition()).toBe(head);
  });

  it('opens a plan only in a neighbourhood the partnership has defined, on one of its current priorities', async () => {
    const head = await headPosition();
    const nowhere = await open({ ...bonfire, neighbourhoodId: '5b0e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b' });
    expect(nowhere).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: 'neighbourhoodId', message: 'no such neighbourhood: `neighbourhoods` lists them with their ids' }] });
    const city = await server.graphql('query($id: String!) { neighbourhoodPriorities(neighbourhood: $id) { priorities { priorityId } } }', {
      token: coordinator,
      variables: { id: demoNeighbourhoodId('city-centre') },
    });
    const cityPriority = (city.body.data!.neighbourhoodPriorities as { priorities: Array<{ priorityId: string }> }).priorities[0]!.priorityId;
    const elsewhere = await open({ ...bonfire, priorityId: cityPriority });
    expect(elsewhere).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: 'priorityId', message: 'not a current priority of Thornes: `neighbourhoodPriorities` lists them' }] });
    expect(await headPosition()).toBe(head);
  });

  it('refuses an auditor as Forbidden, using up no reference', async () => {
    const before = await open({ ...bonfire, title: 'Before the auditor' });
    const refused = await open(bonfire, auditor);
    expect(refused).toEqual({ __typename: 'Forbidden', message: 'Auditors read the record; they change nothing.' });
    const after = await open({ ...bonfire, title: 'After the auditor' });
    expect(Number(after.plan.reference.slice(-4))).toBe(Number(before.plan.reference.slice(-4)) + 1);
  });

  it('refuses an opening dated in the future as a rule, not a crash', async () => {
    expect(await open({ ...bonfire, openedOn: '2099-01-01' })).toMatchObject({ __typename: 'RuleViolation', code: 'DATE_IN_FUTURE' });
  });

  it('answers a day that is not a date as a request error naming the value, never a 500', async () => {
    const response = await server.graphql(OPEN, { token: coordinator, variables: { input: { ...bonfire, openedOn: '1 September' } } });
    expect(response.status).toBe(400);
    expect(response.body.errors![0]!.message).toContain('"1 September" is not a date as YYYY-MM-DD');
  });
});

describe('changing a plan', () => {
  it('assigns an owner at the revision read, and answers a stale revision with the actual one, writing nothing', async () => {
    const { plan } = await open({ ...bonfire, title: 'Rogue landlords on Castle Road' });
    const owner = { name: 'Amira Hussain', role: 'Tenancy enforcement officer', agencyId: 'housing' };
    const assigned = await server.graphql(ASSIGN_OWNER, { token: coordinator, variables: { input: { planId: plan.id, owner, expectedRevision: 0 } } });
    expect(assigned.body.data!.assignPlanOwner).toEqual({ __typename: 'PlanPayload', plan: { revision: 1, owner: { name: 'Amira Hussain', agencyId: 'housing' } } });
    const head = await headPosition();
    const stale = await server.graphql(ASSIGN_OWNER, { token: coordinator, variables: { input: { planId: plan.id, owner: { ...owner, name: 'Someone else' }, expectedRevision: 0 } } });
    expect(stale.body.data!.assignPlanOwner).toEqual({
      __typename: 'ConflictError',
      message: 'This record has changed since you read it: you expected revision 0, it is now at 1. Reload it and try again.',
      expectedRevision: 0,
      actualRevision: 1,
    });
    expect(await headPosition()).toBe(head);
  });

  it('names the field when a person belongs to both an agency and a group', async () => {
    const { plan } = await open({ ...bonfire, title: 'Graffiti on the underpass' });
    const refused = await server.graphql(ASSIGN_OWNER, { token: coordinator, variables: { input: { planId: plan.id, owner: { name: 'Pat Lee', agencyId: 'council', communityGroup: 'Watch' } } } });
    expect(refused.body.data!.assignPlanOwner).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ path: 'owner.agencyId', message: 'name either the agency (agencyId) or the community group (communityGroup), not both' }],
    });
  });

  it('answers NotFound for a plan that does not exist, or an id of something else', async () => {
    const missing = Buffer.from('Plan:00000000-0000-4000-8000-000000000000').toString('base64');
    const answer = await server.graphql(ASSIGN_OWNER, { token: coordinator, variables: { input: { planId: missing, owner: { name: 'X', agencyId: 'police' } } } });
    expect(answer.body.data!.assignPlanOwner).toEqual({ __typename: 'NotFound', message: 'The plan was not found' });
    const notAPlan = Buffer.from('Action:00000000-0000-4000-8000-000000000000').toString('base64');
    const other = await server.graphql(ASSIGN_OWNER, { token: coordinator, variables: { input: { planId: notAPlan, owner: { name: 'X', agencyId: 'police' } } } });
    expect(other.body.data!.assignPlanOwner).toMatchObject({ __typename: 'NotFound' });
  });
});

describe('plans', () => {
  it('lists and counts plans matching words, in pages of at most 100', async () => {
    await open({ ...bonfire, title: 'Fly-tipping behind Poplar Avenue', description: 'Mattresses and builders’ waste dumped weekly.' });
    const query = `query($filter: PlanFilter, $first: Int) { plans(filter: $filter, first: $first) { totalCount edges { node { title stage } } pageInfo { hasNextPage } } }`;
    const found = await server.graphql(query, { token: coordinator, variables: { filter: { text: 'mattresses POPLAR' }, first: 10 } });
    expect(found.body).toEqual({ data: { plans: { totalCount: 1, edges: [{ node: { title: 'Fly-tipping behind Poplar Avenue', stage: 'scanning' } }], pageInfo: { hasNextPage: false } } } });
    const all = await server.graphql(query, { token: coordinator, variables: { first: 2 } });
    expect(all.body.data!.plans).toMatchObject({ pageInfo: { hasNextPage: true } });
    expect((all.body.data!.plans as { totalCount: number }).totalCount).toBeGreaterThan(2);
    const tooMany = await server.graphql(query, { token: coordinator, variables: { first: 101 } });
    expect(tooMany.status).toBe(200);
    expect(tooMany.body.errors![0]).toMatchObject({ message: 'first: at most 100 a page', extensions: { code: 'BAD_USER_INPUT' } });
    const tooManyFromTheEnd = await server.graphql('{ actions(last: 101) { totalCount } }', { token: coordinator });
    expect(tooManyFromTheEnd.body.errors![0]).toMatchObject({ message: 'last: at most 100 a page', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('creating with an expected revision', () => {
  it('is refused before anything is written: a new plan has no revision yet', async () => {
    const head = await headPosition();
    expect(await open({ ...bonfire, expectedRevision: 0 })).toEqual({
      __typename: 'ValidationError',
      message: 'The input is not valid: expectedRevision: a new plan has no revision yet: leave expectedRevision out',
      fieldErrors: [{ path: 'expectedRevision', message: 'a new plan has no revision yet: leave expectedRevision out' }],
    });
    expect(await headPosition()).toBe(head);
  });
});
