/**
 * What the co-ordination meeting page reads from the agenda, over HTTP with
 * the demo partnership: each plan's stages as periods (the bands of its
 * timeline), the new high-risk victims as a number, and the partnership's
 * agencies by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNeighbourhoodId, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let coordinator: string;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
});
afterAll(async () => {
  await server.close();
});

const castleford = demoNeighbourhoodId('castleford-whitwood');
const thornes = demoNeighbourhoodId('thornes');

const AGENDA = `query($id: String!, $date: Date!) {
  coordinationAgenda(neighbourhood: $id, date: $date) {
    newHighRiskVictims
    lastMeeting { heldOn }
    plans { plan { reference stage closure { closedOn } } stages { stage from until } }
  }
}`;

interface Agenda {
  newHighRiskVictims: number;
  lastMeeting: { heldOn: string } | null;
  plans: Array<{ plan: { reference: string; stage: string; closure: { closedOn: string | null } }; stages: Array<{ stage: string; from: string; until: string | null }> }>;
}

async function agenda(id: string, date: string, token = coordinator): Promise<Agenda> {
  const response = await server.graphql(AGENDA, { token, variables: { id, date } });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.coordinationAgenda as Agenda;
}

async function groupMet(id: string, heldOn: string): Promise<void> {
  const response = await server.graphql(
    `mutation($input: RecordCoordinationMeetingInput!) { recordCoordinationMeeting(input: $input) { __typename ... on RuleViolation { code message } } }`,
    { token: coordinator, variables: { input: { neighbourhoodId: id, meetingId: heldOn, heldOn, chair: 'Cllr Nadia Ahmed', attendees: [{ name: 'PS Sarah Khan', agencyId: 'police' }] } } },
  );
  expect(response.body.data!.recordCoordinationMeeting).toEqual({ __typename: 'NeighbourhoodPayload' });
}

describe('each plan’s stages, for the bands of its timeline', () => {
  it('gives the stages a plan has been in, oldest first, the current one still open', async () => {
    const pack = await agenda(castleford, '2026-11-23');
    expect(pack.plans.map((p) => [p.plan.reference, p.stages])).toEqual([
      // Opened and moved to analysis on the same day: shown in analysis from that day.
      ['PSP-2026-0004', [{ stage: 'analysis', from: '2026-10-24', until: null }]],
      [
        'PSP-2026-0002',
        [
          { stage: 'response', from: '2026-07-06', until: '2026-09-24' },
          { stage: 'assessment', from: '2026-09-24', until: null },
        ],
      ],
    ]);
  });

  it('ends a closed plan on its closing day', async () => {
    // The bonfire plan closed on 16 November: a meeting before it brings it to the next pack.
    await groupMet(thornes, '2026-11-02');
    const pack = await agenda(thornes, '2026-11-23');
    const bonfire = pack.plans.find((p) => p.plan.stage === 'closed')!;
    expect(bonfire.plan.closure.closedOn).toBe('2026-11-16');
    expect(bonfire.stages.map((s) => s.stage)).toEqual(['analysis', 'response', 'assessment', 'closed']);
    expect(bonfire.stages.at(-1)).toEqual({ stage: 'closed', from: '2026-11-16', until: '2026-11-16' });
    // Each period ends the day the next begins.
    for (let i = 1; i < bonfire.stages.length; i += 1) expect(bonfire.stages[i - 1]!.until).toBe(bonfire.stages[i]!.from);
  });
});

describe('new high-risk victims, a number for a shared screen', () => {
  it('counts the victim assessed high on Sycamore Walk until the group has met since', async () => {
    // Assessed high on 23 October; the case opened on the 20th.
    expect((await agenda(castleford, '2026-10-22')).newHighRiskVictims).toBe(0);
    expect((await agenda(castleford, '2026-11-23')).newHighRiskVictims).toBe(1);
    await groupMet(castleford, '2026-10-21');
    expect(await agenda(castleford, '2026-10-25')).toMatchObject({ lastMeeting: { heldOn: '2026-10-21' }, newHighRiskVictims: 1 });
    await groupMet(castleford, '2026-10-30');
    expect(await agenda(castleford, '2026-11-23')).toMatchObject({ lastMeeting: { heldOn: '2026-10-30' }, newHighRiskVictims: 0 });
  });

  it('counts only the cases the caller sees: the fire service is on none in Castleford', async () => {
    const fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'], name: 'Station Manager Tom Reilly' });
    const housing = await server.token({ userId: 'amira.hussain', agencyId: 'housing', roles: ['partner'], name: 'Amira Hussain' });
    expect((await agenda(castleford, '2026-10-25', fire)).newHighRiskVictims).toBe(0);
    expect((await agenda(castleford, '2026-10-25', housing)).newHighRiskVictims).toBe(1);
  });

  it('gives the victims as a number, with no other field of the agenda itself about victims or people (the page itself is checked in Chromium)', async () => {
    const response = await server.graphql('{ __type(name: "CoordinationAgenda") { fields { name type { name kind ofType { name } } } } }', { token: coordinator });
    const fields = (response.body.data!.__type as { fields: Array<{ name: string; type: { name: string | null; ofType: { name: string } | null } }> }).fields;
    expect(fields.find((f) => f.name === 'newHighRiskVictims')?.type.ofType?.name).toBe('Int');
    expect(fields.map((f) => f.name).filter((name) => /victim|person|people/i.test(name))).toEqual(['newHighRiskVictims']);
  });
});

describe('the partnership’s agencies', () => {
  it('lists every member agency by its register name, for anyone signed in', async () => {
    const youth = await server.token({ userId: 'grace.mensah', agencyId: 'youth', roles: ['partner'], name: 'Grace Mensah' });
    const response = await server.graphql('{ agencies { id name leadContact } }', { token: youth });
    expect(response.body.data!.agencies).toEqual([
      { id: 'police', name: 'West Yorkshire Police (Neighbourhood Policing Team)', leadContact: 'Insp. Rachel Okafor' },
      { id: 'council', name: 'Wakefield Council ASB Team', leadContact: 'Daniel Price' },
      { id: 'housing', name: 'Wakefield District Housing', leadContact: 'Amira Hussain' },
      { id: 'fire', name: 'West Yorkshire Fire and Rescue Service', leadContact: 'Station Manager Tom Reilly' },
      { id: 'youth', name: 'Youth Services', leadContact: 'Grace Mensah' },
      { id: 'health', name: 'NHS Community Mental Health', leadContact: 'Dr Leah Byrne' },
    ]);
  });
});
