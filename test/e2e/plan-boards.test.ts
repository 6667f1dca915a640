/** The owners' board and closure sign-offs, over the demo partnership. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.token({ userId: 'daniel.price', agencyId: 'council', roles: ['coordinator'] });
});
afterAll(async () => {
  await server.close();
});

describe('the owners’ board', () => {
  it('shows per agency and person the open plans owned, by stage, and the actions open and overdue', async () => {
    const response = await server.graphql('{ ownersBoard { agencyOrGroup person plansOwned byStage { stage plans } reviewsOverdue actionsOpen actionsOverdue } }', { token });
    expect(response.body).toEqual({
      data: {
        ownersBoard: [
          { agencyOrGroup: 'council', person: null, plansOwned: 0, byStage: [], reviewsOverdue: 0, actionsOpen: 1, actionsOverdue: 0 },
          { agencyOrGroup: 'council', person: 'Megan Lloyd', plansOwned: 2, byStage: [{ stage: 'assessment', plans: 1 }, { stage: 'analysis', plans: 1 }], reviewsOverdue: 0, actionsOpen: 0, actionsOverdue: 0 },
          { agencyOrGroup: 'fire', person: 'Station Manager Tom Reilly', plansOwned: 1, byStage: [{ stage: 'response', plans: 1 }], reviewsOverdue: 0, actionsOpen: 1, actionsOverdue: 1 },
        ],
      },
    });
    const fire = await server.graphql('{ ownersBoard(agency: "fire") { person actionsOverdue } }', { token });
    expect(fire.body).toEqual({ data: { ownersBoard: [{ person: 'Station Manager Tom Reilly', actionsOverdue: 1 }] } });
  });
});

describe('closure sign-offs', () => {
  it('lists the closure waiting on an unsatisfied party, and none ready', async () => {
    const query = 'query($status: ClosureSignOffStatus) { closureSignOffs(status: $status) { plan { reference } satisfied notSatisfied { name comment } notSigned { name } blockers } }';
    const waiting = await server.graphql(query, { token, variables: { status: 'WAITING' } });
    expect(waiting.body).toEqual({
      data: {
        closureSignOffs: [
          {
            plan: { reference: 'PSP-2026-0002' },
            satisfied: ['leisure-centre'],
            notSatisfied: [{ name: 'Whitwood Residents’ Group', comment: 'Not until we see next summer: keep it open to the spring.' }],
            notSigned: [],
            blockers: ['Whitwood Residents’ Group is not satisfied: “Not until we see next summer: keep it open to the spring.”'],
          },
        ],
      },
    });
    expect((await server.graphql(query, { token, variables: { status: 'READY' } })).body).toEqual({ data: { closureSignOffs: [] } });
    expect(((await server.graphql(query, { token })).body.data!.closureSignOffs as unknown[]).length).toBe(1);
  });
});
