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
  it('counts each named owner’s open plans by stage, closed plans left out', async () => {
    const response = await server.graphql('{ ownersBoard { ownerName agencyOrGroup plansOwned byStage { stage plans } reviewsOverdue } }', { token });
    expect(response.body).toEqual({
      data: {
        ownersBoard: [
          { ownerName: 'Megan Lloyd', agencyOrGroup: 'council', plansOwned: 2, byStage: [{ stage: 'assessment', plans: 1 }, { stage: 'analysis', plans: 1 }], reviewsOverdue: 0 },
          { ownerName: 'Station Manager Tom Reilly', agencyOrGroup: 'fire', plansOwned: 1, byStage: [{ stage: 'response', plans: 1 }], reviewsOverdue: 0 },
        ],
      },
    });
    const fire = await server.graphql('{ ownersBoard(agency: "fire") { ownerName } }', { token });
    expect(fire.body).toEqual({ data: { ownersBoard: [{ ownerName: 'Station Manager Tom Reilly' }] } });
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
