/** Neighbourhoods and their priorities over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testNow } from '../support/server.js';

let server: TestServer;
let coordinator: string;
let partner: string;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.token({ userId: 'daniel.price', agencyId: 'council', roles: ['coordinator'], name: 'Daniel Price' });
  partner = await server.token({ userId: 'amira.hussain', agencyId: 'housing', roles: ['partner'], name: 'Amira Hussain' });
});
afterAll(async () => {
  await server.close();
});

const RESULT = `__typename
  ... on NeighbourhoodPayload { deduplicated warnings { code message } neighbourhood { neighbourhoodId name kind priorities { priorityId title chosenBy signalClass nextReviewOn reviewOverdue } } }
  ... on ValidationError { fieldErrors { path message } }
  ... on RuleViolation { code message }
  ... on NotFound { message }
  ... on Forbidden { message }`;

type Result = Record<string, unknown> & { neighbourhood: { neighbourhoodId: string; priorities: Array<{ priorityId: string; title: string }> }; warnings: unknown[] };

async function define(name: string, token = coordinator): Promise<Result> {
  const response = await server.graphql(`mutation($input: DefineNeighbourhoodInput!) { defineNeighbourhood(input: $input) { ${RESULT} } }`, {
    token,
    variables: { input: { name, kind: 'WARD', area: 'Whitwood, Glasshoughton and part of Castleford' } },
  });
  return response.body.data!.defineNeighbourhood as Result;
}

async function setPriority(neighbourhoodId: string, fields: Record<string, unknown>, token = coordinator): Promise<Result> {
  const response = await server.graphql(`mutation($input: SetNeighbourhoodPriorityInput!) { setNeighbourhoodPriority(input: $input) { ${RESULT} } }`, {
    token,
    variables: { input: { neighbourhoodId, chosenBy: 'PUBLIC_VOTE', chosenOn: '2026-09-10', signalClass: 'chronic', reviewOn: '2026-12-10', ...fields } },
  });
  return response.body.data!.setNeighbourhoodPriority as Result;
}

describe('neighbourhood priorities', () => {
  it('records the priorities the community chose, warning past three but never refusing', async () => {
    const { neighbourhood } = await define('Whitwood');
    expect(neighbourhood).toMatchObject({ name: 'Whitwood', kind: 'WARD', priorities: [] });
    const titles = ['Off-road motorbikes in Fryston woods', 'Drug dealing from Poplar Avenue flats', 'Fly-tipping behind the parade'];
    for (const title of titles) {
      const set = await setPriority(neighbourhood.neighbourhoodId, { title });
      expect(set).toMatchObject({ __typename: 'NeighbourhoodPayload', warnings: [] });
    }
    const fourth = await setPriority(neighbourhood.neighbourhoodId, { title: 'Bonfire night disorder', signalClass: 'acute', chosenBy: 'REPRESENTATIVE_PANEL' });
    expect(fourth.warnings).toEqual([
      { code: 'MORE_THAN_THREE_PRIORITIES', message: 'Whitwood has 4 current priorities; the practice advice is about three (ACPO 2006, 4.7.3).' },
    ]);
    expect(fourth.neighbourhood.priorities.map((p) => p.title)).toEqual([...titles, 'Bonfire night disorder']);
    expect(fourth.neighbourhood.priorities[3]).toMatchObject({ chosenBy: 'REPRESENTATIVE_PANEL', signalClass: 'acute', nextReviewOn: '2026-12-10', reviewOverdue: false });

    const retired = await server.graphql(
      `mutation($input: RetireNeighbourhoodPriorityInput!) { retireNeighbourhoodPriority(input: $input) { ${RESULT} } }`,
      { token: coordinator, variables: { input: { neighbourhoodId: neighbourhood.neighbourhoodId, priorityId: fourth.neighbourhood.priorities[3]!.priorityId, reason: 'Handled by the bonfire plan', retiredOn: '2026-11-20' } } },
    );
    expect(retired.body.data!.retireNeighbourhoodPriority).toMatchObject({ warnings: [], neighbourhood: { priorities: titles.map((title) => ({ title })) } });

    const read = await server.graphql(`query($id: String!) { neighbourhoodPriorities(neighbourhood: $id) { name priorities { title } warnings { code } } }`, {
      token: partner,
      variables: { id: neighbourhood.neighbourhoodId },
    });
    expect(read.body).toEqual({ data: { neighbourhoodPriorities: { name: 'Whitwood', priorities: titles.map((title) => ({ title })), warnings: [] } } });
  });

  it('leaves choosing to the community and recording to coordinators', async () => {
    const { neighbourhood } = await define('Airedale');
    expect(await setPriority(neighbourhood.neighbourhoodId, { title: 'Speeding on Fryston Road' }, partner)).toMatchObject({ __typename: 'Forbidden' });
  });

  it('names wrong fields and broken rules, writing nothing', async () => {
    const { neighbourhood } = await define('Wakefield city centre');
    const head = (await server.casebook.store.headPosition())!.commit;
    expect(await setPriority(neighbourhood.neighbourhoodId, { title: ' ' })).toEqual({ __typename: 'ValidationError', fieldErrors: [{ path: 'title', message: 'give the priority a title' }] });
    expect(await setPriority(neighbourhood.neighbourhoodId, { title: 'Street drinking', reviewOn: '2026-09-01' })).toMatchObject({ __typename: 'RuleViolation', code: 'PRIORITY_REVIEW_BEFORE_CHOSEN' });
    expect(await setPriority('00000000-0000-4000-8000-000000000000', { title: 'Street drinking' })).toEqual({ __typename: 'NotFound', message: 'The neighbourhood was not found' });
    expect((await server.casebook.store.headPosition())!.commit).toBe(head);
  });

  it('lists every neighbourhood by name', async () => {
    const response = await server.graphql('{ neighbourhoods { name } }', { token: partner });
    const names = (response.body.data!.neighbourhoods as Array<{ name: string }>).map((n) => n.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names).toEqual(expect.arrayContaining(['Airedale', 'Wakefield city centre', 'Whitwood']));
  });
});

describe('the co-ordination agenda', () => {
  const AGENDA = `query($id: String!, $date: Date!) {
    coordinationAgenda(neighbourhood: $id, date: $date) {
      date
      neighbourhood { name }
      lastMeeting { meetingId heldOn chair }
      plans { plan { title stage } reviewDue closureWaiting overdueActions { description } changesSinceLastMeeting { kind } }
      closuresWaiting { title closure { blockers } }
      overdueActionCount
    }
  }`;
  const today = () => testNow.toISOString().slice(0, 10);
  const tomorrow = () => new Date(testNow.getTime() + 86_400_000).toISOString().slice(0, 10);

  async function castleford(): Promise<string> {
    const response = await server.graphql('{ neighbourhoods { neighbourhoodId name } }', { token: partner });
    return (response.body.data!.neighbourhoods as Array<{ neighbourhoodId: string; name: string }>).find((n) => n.name === 'Castleford and Whitwood')!.neighbourhoodId;
  }

  it('walks the group through its plans, showing the closure that waits on an unsatisfied party', async () => {
    const id = await castleford();
    const response = await server.graphql(AGENDA, { token: coordinator, variables: { id, date: today() } });
    const agenda = response.body.data!.coordinationAgenda as {
      lastMeeting: unknown;
      plans: Array<{ plan: { title: string; stage: string }; closureWaiting: boolean; changesSinceLastMeeting: unknown[] }>;
      closuresWaiting: Array<{ title: string; closure: { blockers: string[] } }>;
    };
    expect(agenda.lastMeeting).toBeNull();
    expect(agenda.plans.map((p) => [p.plan.title, p.plan.stage, p.closureWaiting])).toEqual([
      ['Off-road motorbikes in Fryston woods', 'analysis', false],
      ['Unlawful encampments on Whitwood Common and the leisure centre car park', 'assessment', true],
    ]);
    expect(agenda.closuresWaiting).toEqual([
      {
        title: 'Unlawful encampments on Whitwood Common and the leisure centre car park',
        closure: { blockers: ['Whitwood Residents’ Group is not satisfied: “Not until we see next summer: keep it open to the spring.”'] },
      },
    ]);
    expect(agenda.plans.every((p) => p.changesSinceLastMeeting.length > 0)).toBe(true);

    // A housing partner's pack holds only the plans housing takes part in.
    const housing = await server.graphql(AGENDA, { token: partner, variables: { id, date: today() } });
    expect((housing.body.data!.coordinationAgenda as { plans: Array<{ plan: { title: string } }> }).plans.map((p) => p.plan.title)).toEqual([
      'Unlawful encampments on Whitwood Common and the leisure centre car park',
    ]);
  });

  it('counts changes from the group’s last meeting once it is recorded', async () => {
    const id = await castleford();
    const recorded = await server.graphql(`mutation($input: RecordCoordinationMeetingInput!) { recordCoordinationMeeting(input: $input) { ${RESULT} } }`, {
      token: coordinator,
      variables: { input: { neighbourhoodId: id, meetingId: 'this-month', heldOn: today(), chair: 'Cllr Nadia Ahmed', attendees: [{ name: 'PS Sarah Khan', agencyId: 'police' }, { name: 'Joan Whitaker', communityGroup: 'Whitwood Residents’ Group' }] } },
    });
    expect(recorded.body.data!.recordCoordinationMeeting).toMatchObject({ __typename: 'NeighbourhoodPayload' });
    const next = await server.graphql(AGENDA, { token: coordinator, variables: { id, date: tomorrow() } });
    const agenda = next.body.data!.coordinationAgenda as { lastMeeting: unknown; plans: Array<{ changesSinceLastMeeting: unknown[] }> };
    expect(agenda.lastMeeting).toEqual({ meetingId: 'this-month', heldOn: today(), chair: 'Cllr Nadia Ahmed' });
    expect(agenda.plans.map((p) => p.changesSinceLastMeeting)).toEqual([[], []]);
  });
});
