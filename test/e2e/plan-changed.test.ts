/**
 * `planChanged(id)` through HTTP, as server-sent events: a partner follows a
 * plan it takes part in and is sent the plan after each change; an outsider
 * is refused as for a plan that does not exist; and the feed ends when the
 * plan leaves the follower's sight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNeighbourhoodId } from '../../src/app/demo/coordinators.js';
import { subscribe } from '../support/event-stream.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let sarah: string;
let council: string;
let youth: string;
let planId: string;

type Changed = { planChanged?: { reference: string; revision: number; partners: Array<{ agencyId: string | null }>; meetings: Array<{ meetingId: string }> } };
const FOLLOW = 'subscription($id: ID!) { planChanged(id: $id) { reference revision partners { agencyId } meetings { meetingId } } }';

async function mutate(query: string, token: string, input: Record<string, unknown>): Promise<void> {
  const response = await server.graphql(query, { token, variables: { input } });
  expect(response.body.errors).toBeUndefined();
  expect(Object.values(response.body.data!)[0]).toMatchObject({ __typename: 'PlanPayload' });
}

beforeAll(async () => {
  server = await startTestServer();
  sarah = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
  council = await server.token({ userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], name: 'Megan Lloyd' });
  youth = await server.token({ userId: 'grace.mensah', agencyId: 'youth', roles: ['partner'], name: 'Grace Mensah' });
  const opened = await server.graphql('mutation($input: OpenPlanInput!) { openPlan(input: $input) { ... on PlanPayload { plan { id } } } }', {
    token: sarah,
    variables: { input: { title: 'Graffiti on the Thornes Lane underpass', neighbourhoodId: demoNeighbourhoodId('thornes'), openedOn: '2026-11-20', raisedBy: [{ partyId: 'thornes-panel', name: 'Thornes Residents’ Panel', kind: 'community-group' }] } },
  });
  planId = (opened.body.data as { openPlan: { plan: { id: string } } }).openPlan.plan.id;
  await mutate('mutation($input: AddPlanPartnerInput!) { addPlanPartner(input: $input) { __typename } }', sarah, { planId, representative: { name: 'Megan Lloyd', agencyId: 'council' } });
});

afterAll(async () => {
  await server?.close();
});

describe('planChanged', () => {
  it('sends a partner the plan after each change, with the change in it', async () => {
    const followed = await subscribe<Changed>(server, council, FOLLOW, { id: planId });
    try {
      await mutate('mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { __typename } }', sarah, {
        planId,
        meetingId: 'psm-2026-11-22',
        heldOn: '2026-11-22',
        chair: 'PS Sarah Khan',
        attendees: [{ name: 'Megan Lloyd', agencyId: 'council' }],
        decisions: ['Council to clean the underpass'],
        actionsAgreed: [],
      });
      await followed.waitFor(1);
      const first = followed.received[0]!.data!.planChanged!;
      expect(first.meetings).toEqual([{ meetingId: 'psm-2026-11-22' }]);
      expect(first.partners).toEqual([{ agencyId: 'council' }]);

      await mutate('mutation($input: AssignPlanOwnerInput!) { assignPlanOwner(input: $input) { __typename } }', sarah, { planId, owner: { name: 'Megan Lloyd', agencyId: 'council' } });
      await followed.waitFor(2);
      expect(followed.received[1]!.data!.planChanged!.revision).toBe(first.revision + 1);
    } finally {
      followed.close();
    }
  });

  it('refuses an agency that does not take part in the plan, as for a plan that does not exist', async () => {
    const never = Buffer.from('Plan:00000000-0000-4000-8000-000000000000').toString('base64');
    const answers = [];
    for (const id of [planId, never]) {
      const refused = await subscribe<Changed>(server, youth, FOLLOW, { id });
      await refused.waitFor(1);
      answers.push(refused.received[0]);
      refused.close();
    }
    expect(answers[0]).toEqual({ errors: [expect.objectContaining({ message: 'The plan was not found', extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })] });
    expect(answers[1]).toEqual(answers[0]);
  });

  it('ends when the plan leaves the follower’s sight, telling it nothing of the change that took it away', async () => {
    const followed = await subscribe<Changed>(server, council, FOLLOW, { id: planId });
    await mutate('mutation($input: AssignPlanOwnerInput!) { assignPlanOwner(input: $input) { __typename } }', sarah, { planId, owner: { name: 'PS Sarah Khan', agencyId: 'police' } });
    await followed.waitFor(1);
    await mutate('mutation($input: RemovePlanPartnerInput!) { removePlanPartner(input: $input) { __typename } }', sarah, { planId, representative: { agencyId: 'council' }, reason: 'The underpass is Network Rail’s, not the council’s.' });
    await followed.completed;
    expect(followed.received).toHaveLength(1);
    followed.close();
  });
});
