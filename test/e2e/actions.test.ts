/** Partner actions over HTTP, on the demo partnership's plans. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let grace: string;
let sam: string;
let tom: string;

beforeAll(async () => {
  server = await startTestServer();
  grace = await server.token({ userId: 'grace.mensah', agencyId: 'youth', roles: ['partner'], name: 'Grace Mensah' });
  sam = await server.token({ userId: 'sam.okoro', agencyId: 'youth', roles: ['partner'], name: 'Sam Okoro' });
  tom = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'], name: 'Station Manager Tom Reilly' });
});
afterAll(async () => {
  await server.close();
});

const PROGRESS = `mutation($input: ReportActionProgressInput!) {
  reportActionProgress(input: $input) {
    __typename
    ... on ActionPayload { action { revision status progressNotes { note by } } }
    ... on ConflictError { expectedRevision actualRevision }
    ... on RuleViolation { code message }
  }
}`;

async function anOpenYouthAction(): Promise<{ id: string; revision: number }> {
  const coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] });
  const plans = await server.graphql('{ plans(filter: { text: "street drinking" }) { edges { node { id } } } }', { token: coordinator });
  const planId = (plans.body.data!.plans as { edges: Array<{ node: { id: string } }> }).edges[0]!.node.id;
  const assigned = await server.graphql(
    `mutation($input: AssignActionInput!) { assignAction(input: $input) { ... on ActionPayload { action { id revision } } } }`,
    { token: coordinator, variables: { input: { planId, assignee: { agencyId: 'youth' }, description: 'Detached youth work in the precinct on Friday evenings', dueOn: '2026-12-18' } } },
  );
  return (assigned.body.data!.assignAction as { action: { id: string; revision: number } }).action;
}

describe('partner actions', () => {
  it('lists the caller’s agency’s open actions, soonest due first', async () => {
    const response = await server.graphql('{ myActions { reference agencyId status dueOn plan { title } } }', { token: tom });
    expect(response.body).toEqual({
      data: {
        myActions: [
          { reference: 'ACT-2026-0005', agencyId: 'fire', status: 'blocked', dueOn: '2026-11-13', plan: { title: 'Fire risks in rented houses in multiple occupation' } },
        ],
      },
    });
  });

  it('lets only the assigned agency report on it: another agency on the plan is refused, one not on it finds nothing', async () => {
    const action = await anOpenYouthAction();
    // The police opened the street drinking plan, so a police partner sees it and its actions.
    const police = await server.token({ userId: 'pc.jordan', agencyId: 'police', roles: ['partner'] });
    const refused = await server.graphql(PROGRESS, { token: police, variables: { input: { actionId: action.id, note: 'Not ours' } } });
    expect(refused.body.data!.reportActionProgress).toMatchObject({ __typename: 'RuleViolation', code: 'ACTION_NOT_YOURS' });
    const unseen = await server.graphql(PROGRESS, { token: tom, variables: { input: { actionId: action.id, note: 'Not ours' } } });
    expect(unseen.body.data!.reportActionProgress).toMatchObject({ __typename: 'NotFound' });
  });

  it('lets exactly one of two partners update at the revision both read; the other is told the actual revision, and nothing is lost', async () => {
    const action = await anOpenYouthAction();
    const [first, second] = await Promise.all([
      server.graphql(PROGRESS, { token: grace, variables: { input: { actionId: action.id, note: 'Grace: first Friday done, 14 young people.', expectedRevision: action.revision } } }),
      server.graphql(PROGRESS, { token: sam, variables: { input: { actionId: action.id, note: 'Sam: met the BID wardens.', expectedRevision: action.revision } } }),
    ]);
    const answers = [first.body.data!.reportActionProgress, second.body.data!.reportActionProgress] as Array<{ __typename: string; actualRevision?: number }>;
    expect(answers.map((a) => a.__typename).sort()).toEqual(['ActionPayload', 'ConflictError']);
    expect(answers.find((a) => a.__typename === 'ConflictError')).toEqual({ __typename: 'ConflictError', expectedRevision: action.revision, actualRevision: action.revision + 1 });

    // The one refused reads again and sends again: both notes are kept.
    const loser = answers[0]!.__typename === 'ConflictError' ? { token: grace, note: 'Grace: first Friday done, 14 young people.' } : { token: sam, note: 'Sam: met the BID wardens.' };
    const retried = await server.graphql(PROGRESS, { token: loser.token, variables: { input: { actionId: action.id, note: loser.note, expectedRevision: action.revision + 1 } } });
    const notes = (retried.body.data!.reportActionProgress as { action: { progressNotes: Array<{ note: string }> } }).action.progressNotes.map((n) => n.note);
    expect(notes.sort()).toEqual(['Grace: first Friday done, 14 young people.', 'Sam: met the BID wardens.']);
  });
});

describe('who answers for a plan’s actions', () => {
  const ASSIGN = `mutation($input: AssignActionInput!) { assignAction(input: $input) { __typename ... on ActionPayload { action { id reference } } ... on RuleViolation { code message } ... on ValidationError { fieldErrors { path message } } } }`;
  const RESCHEDULE = `mutation($input: RescheduleActionInput!) { rescheduleAction(input: $input) { __typename ... on ActionPayload { action { dueOn } } ... on RuleViolation { code } } }`;

  async function planId(text: string, token: string): Promise<string> {
    const plans = await server.graphql('query($text: String) { plans(filter: { text: $text }) { edges { node { id } } } }', { token, variables: { text } });
    return (plans.body.data!.plans as { edges: Array<{ node: { id: string } }> }).edges[0]!.node.id;
  }

  it('refuses an expected revision on a new action, and an action on a closed plan, using up no reference', async () => {
    const coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] });
    const drinking = await planId('street drinking', coordinator);
    const input = { planId: drinking, assignee: { agencyId: 'council' }, description: 'Street drinking patrols by wardens', dueOn: '2026-12-20' };
    const before = ((await server.graphql(ASSIGN, { token: coordinator, variables: { input } })).body.data!.assignAction as { action: { reference: string } }).action.reference;
    expect((await server.graphql(ASSIGN, { token: coordinator, variables: { input: { ...input, expectedRevision: 3 } } })).body.data!.assignAction).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ path: 'expectedRevision', message: 'a new action has no revision yet: leave expectedRevision out' }],
    });
    const bonfire = await planId('bonfire', coordinator);
    expect((await server.graphql(ASSIGN, { token: coordinator, variables: { input: { ...input, planId: bonfire } } })).body.data!.assignAction).toMatchObject({ __typename: 'RuleViolation', code: 'PLAN_CLOSED' });
    const after = ((await server.graphql(ASSIGN, { token: coordinator, variables: { input } })).body.data!.assignAction as { action: { reference: string } }).action.reference;
    expect(Number(after.slice(-4))).toBe(Number(before.slice(-4)) + 1);
  });

  it('leaves a plan with no owner in an agency to coordinators, and gives a new owner its rights over actions assigned before', async () => {
    const coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] });
    const health = await server.token({ userId: 'leah.byrne', agencyId: 'health', roles: ['partner'] });
    const council = await server.token({ userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'] });
    const drinking = await planId('street drinking', coordinator);
    const input = { planId: drinking, assignee: { agencyId: 'health' }, description: 'Alcohol outreach in the precinct', dueOn: '2026-12-20' };
    // Health is not on the plan: for it the plan does not exist.
    expect((await server.graphql(ASSIGN, { token: health, variables: { input } })).body.data!.assignAction).toMatchObject({ __typename: 'NotFound' });
    const actionId = ((await server.graphql(ASSIGN, { token: coordinator, variables: { input } })).body.data!.assignAction as { action: { id: string } }).action.id;
    // With an action on it, health is on the plan: it sees it, and still may not assign its actions.
    expect((await server.graphql(ASSIGN, { token: health, variables: { input } })).body.data!.assignAction).toMatchObject({ __typename: 'RuleViolation', code: 'ACTION_OWNER_ONLY' });

    await server.graphql(`mutation($input: AssignPlanOwnerInput!) { assignPlanOwner(input: $input) { __typename } }`, {
      token: coordinator,
      variables: { input: { planId: drinking, owner: { name: 'Megan Lloyd', agencyId: 'council' } } },
    });
    const answerable = await server.graphql('query($id: ID!) { action(id: $id) { ownerAgencyId } }', { token: council, variables: { id: actionId } });
    expect(answerable.body.data!.action).toEqual({ ownerAgencyId: 'council' });
    const moved = await server.graphql(RESCHEDULE, { token: council, variables: { input: { actionId, dueOn: '2027-01-08', reason: 'After the Christmas markets' } } });
    expect(moved.body.data!.rescheduleAction).toEqual({ __typename: 'ActionPayload', action: { dueOn: '2027-01-08' } });
    const notTheirs = await server.graphql(RESCHEDULE, { token: health, variables: { input: { actionId, dueOn: '2027-01-15', reason: 'x' } } });
    expect(notTheirs.body.data!.rescheduleAction).toMatchObject({ __typename: 'RuleViolation', code: 'ACTION_OWNER_ONLY' });
  });
});
