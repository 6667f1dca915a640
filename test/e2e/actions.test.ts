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

  it('lets only the assigned agency report on it', async () => {
    const action = await anOpenYouthAction();
    const refused = await server.graphql(PROGRESS, { token: tom, variables: { input: { actionId: action.id, note: 'Not ours' } } });
    expect(refused.body.data!.reportActionProgress).toMatchObject({ __typename: 'RuleViolation', code: 'ACTION_NOT_YOURS' });
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
