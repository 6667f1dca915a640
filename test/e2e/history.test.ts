/**
 * The audit history through HTTP, on the demo partnership: `history(id)` and
 * the `history` field of plans, cases and actions list every event of the
 * record with who recorded it, when, a line for people, its data as the
 * caller may read it, and its hash chain; a record out of the caller's sight
 * has none, and personal data goes only where the access model sends it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../src/eventstore/chain.js';
import type { RecordedEvent } from '../../src/eventstore/event-store.js';
import { demoNeighbourhoodId, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let auditor: string;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');
const localId = (id: string) => Buffer.from(id, 'base64').toString('utf8').split(':')[1]!;

async function query(text: string, token: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await server.graphql(text, { token, variables });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.data as Data;
}

async function streamOf(name: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of server.casebook.store.readStream(name)) events.push(event);
  return events;
}

const ENTRY = 'revision eventId type summary occurredAt recordedAt actor { userId agencyId roles } correlationId causationId schemaVersion data personalDataWithheld dataWithheld prevHash hash';
/** What the `history` fields of Plan, AsbCase and Action are compared on: graphql-armor's cost limit weighs fields by depth, so a nested selection is kept small. */
const NESTED = 'revision eventId type summary personalDataWithheld hash';
const nestedOf = (entries: Data[]) => entries.map((e) => ({ revision: e.revision, eventId: e.eventId, type: e.type, summary: e.summary, personalDataWithheld: e.personalDataWithheld, hash: e.hash }));
const HISTORY = `query($id: ID!, $first: Int, $after: String) { history(id: $id, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${ENTRY} } } } }`;

/** Every entry of a record's history, page by page. */
async function wholeHistory(id: string, token: string, pageSize = 100): Promise<Data[]> {
  const entries: Data[] = [];
  let after: string | null = null;
  for (;;) {
    const { history } = await query(HISTORY, token, { id, first: pageSize, after });
    entries.push(...history.edges.map((e: { node: Data }) => e.node));
    if (!history.pageInfo.hasNextPage) return entries;
    after = history.pageInfo.endCursor;
  }
}

const demo: Record<string, { id: string; localId: string }> = {};

beforeAll(async () => {
  server = await startTestServer();
  auditor = await server.token({ userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'], name: 'Olivia Grant' });
  const data = await query('{ plans(first: 100) { edges { node { id reference } } } asbCases(first: 100) { edges { node { id reference } } } actions(first: 100) { edges { node { id reference } } } }', auditor);
  for (const connection of [data.plans, data.asbCases, data.actions]) {
    for (const { node } of connection.edges) demo[node.reference] = { id: node.id, localId: localId(node.id) };
  }
});

afterAll(async () => {
  await server.close();
});

describe('the history of a plan', () => {
  it('lists every event as the store holds it, oldest first, with its chain, its actor and a line from the plan’s timeline', async () => {
    const bonfire = demo['PSP-2026-0001']!;
    const events = await streamOf(`plan-${bonfire.localId}`);
    const entries = await wholeHistory(bonfire.id, auditor);
    expect(entries).toHaveLength(events.length);
    expect(entries.map((e) => e.revision)).toEqual(events.map((e) => Number(e.revision)));
    for (const [i, entry] of entries.entries()) {
      const event = events[i]!;
      expect(entry).toMatchObject({
        eventId: event.id,
        type: event.type,
        occurredAt: event.metadata.occurredAt,
        recordedAt: event.recordedAt.toISOString(),
        actor: event.metadata.actor,
        correlationId: event.metadata.correlationId,
        causationId: event.metadata.causationId,
        schemaVersion: event.metadata.schemaVersion,
        data: event.data,
        personalDataWithheld: false,
        dataWithheld: false,
        prevHash: event.metadata.prevHash,
        hash: event.metadata.hash,
      });
      // The chain as an auditor checks it from the answer alone.
      expect(entry.prevHash).toBe(i === 0 ? GENESIS_HASH : entries[i - 1]!.hash);
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    // The lines are the plan's own timeline's.
    const { plan } = await query('query($id: ID!) { plan(id: $id) { timeline { revision summary } } }', auditor, { id: bonfire.id });
    const timeline = new Map(plan.timeline.map((h: { revision: number; summary: string }) => [h.revision, h.summary]));
    for (const entry of entries) expect(entry.summary).toBe(timeline.get(entry.revision));
    expect(entries[0]).toMatchObject({ type: 'PlanOpened', summary: expect.stringMatching(/^Opened as PSP-2026-0001, raised by /), actor: { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] }, correlationId: 'demo-data' });
    expect(entries.at(-1)).toMatchObject({ type: 'PlanClosed', summary: 'Closed' });
  });

  it('names, in an event Casebook relayed from an action, the action event that caused it', async () => {
    const bonfire = demo['PSP-2026-0001']!;
    const entries = await wholeHistory(bonfire.id, auditor);
    const linked = entries.find((e) => e.type === 'ResponseActionLinked')!;
    expect(linked.actor).toEqual({ userId: 'casebook:plan-action-reactor', agencyId: 'police', roles: ['coordinator'] });
    const { history } = await query(HISTORY, auditor, { id: globalId('Action', linked.data.actionId) });
    const assigned = history.edges[0].node;
    expect(assigned.type).toBe('ActionAssigned');
    expect(linked.causationId).toBe(assigned.eventId);
    expect(linked.correlationId).toBe(assigned.correlationId);
  });

  it('pages at most 100 at a time, with cursors, and is the same as the plan’s own `history` field', async () => {
    const bonfire = demo['PSP-2026-0001']!;
    const all = await wholeHistory(bonfire.id, auditor);
    const paged = await wholeHistory(bonfire.id, auditor, 10);
    expect(paged).toEqual(all);
    const first = await query(HISTORY, auditor, { id: bonfire.id, first: 10 });
    expect(first.history.totalCount).toBe(all.length);
    expect(first.history.edges).toHaveLength(10);
    expect(first.history.pageInfo.hasNextPage).toBe(true);
    const last = await query('query($id: ID!) { history(id: $id, last: 3) { edges { node { revision } } pageInfo { hasPreviousPage } } }', auditor, { id: bonfire.id });
    expect(last.history.edges.map((e: { node: { revision: number } }) => e.node.revision)).toEqual([all.length - 3, all.length - 2, all.length - 1]);
    expect(last.history.pageInfo.hasPreviousPage).toBe(true);
    const field = await query(`query($id: ID!) { plan(id: $id) { history(first: 100) { totalCount edges { node { ${NESTED} } } } } }`, auditor, { id: bonfire.id });
    expect(field.plan.history.totalCount).toBe(all.length);
    expect(field.plan.history.edges.map((e: { node: Data }) => e.node)).toEqual(nestedOf(all));
    const tooMany = await server.graphql('query($id: ID!) { history(id: $id, first: 101) { totalCount } }', { token: auditor, variables: { id: bonfire.id } });
    expect(tooMany.body.errors?.[0]).toMatchObject({ message: 'first: at most 100 a page', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('is null for a plan out of the caller’s sight, word for word as for an id never used or not a record’s', async () => {
    // The street-drinking plan: the police opened it for a business and a councillor; the fire service takes no part.
    const streetDrinking = demo['PSP-2026-0005']!;
    const fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'] });
    const never = globalId('Plan', '00000000-0000-4000-8000-000000000000');
    const neighbourhood = globalId('Neighbourhood', demoNeighbourhoodId('thornes'));
    const answers = await Promise.all([streetDrinking.id, never, neighbourhood].map((id) => server.graphql(HISTORY, { token: fire, variables: { id } })));
    for (const answer of answers) expect(answer.body).toEqual({ data: { history: null } });
  });
});

describe('a resident who raised a plan', () => {
  let planId: string;

  beforeAll(async () => {
    const sarah = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
    const opened = await query(
      'mutation($input: OpenPlanInput!) { openPlan(input: $input) { ... on PlanPayload { plan { id } } } }',
      sarah,
      {
        input: {
          title: 'Cars racing on Agbrigg Road at night',
          neighbourhoodId: demoNeighbourhoodId('thornes'),
          openedOn: '2026-11-20',
          raisedBy: [
            { partyId: 'agbrigg-resident', name: 'Margaret Holt', kind: 'resident', contact: '07700 900123' },
            { partyId: 'cllr-barker', name: 'Cllr Tom Barker', kind: 'councillor' },
          ],
        },
      },
    );
    planId = opened.openPlan.plan.id;
    const added = await query(
      'mutation($input: AddRaisingPartyInput!) { addRaisingParty(input: $input) { __typename } }',
      sarah,
      { input: { planId, party: { partyId: 'agbrigg-school', name: 'Agbrigg Primary School', kind: 'school', contact: 'office@agbrigg.example.org' } } },
    );
    expect(added.addRaisingParty.__typename).toBe('PlanPayload');
  });

  it('is named, with every raiser’s contact, to the agencies on the plan and to auditors', async () => {
    const police = await server.token({ userId: 'pc.jordan', agencyId: 'police', roles: ['partner'] });
    for (const token of [police, auditor]) {
      const entries = await wholeHistory(planId, token);
      // A resident is given a person id: the key her name and contact are sealed under.
      expect(entries[0]!.data.raisedBy[0]).toEqual({ partyId: 'agbrigg-resident', name: 'Margaret Holt', kind: 'resident', contact: '07700 900123', personId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(entries.at(-1)!.data.party.contact).toBe('office@agbrigg.example.org');
      expect(entries.every((e) => !e.personalDataWithheld)).toBe(true);
    }
  });

  it('is withheld from a coordinator of an agency not on the plan, with every raiser’s contact; the lines call her “a resident”', async () => {
    const council = await server.token({ userId: 'daniel.price', agencyId: 'council', roles: ['coordinator'] });
    const entries = await wholeHistory(planId, council);
    expect(entries[0]).toMatchObject({ type: 'PlanOpened', personalDataWithheld: true, dataWithheld: true, summary: expect.stringMatching(/raised by a resident, Cllr Tom Barker$/) });
    expect(entries[0]!.data.raisedBy).toEqual([
      { partyId: 'agbrigg-resident', name: { withheld: true }, kind: 'resident', contact: { withheld: true }, personId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      { partyId: 'cllr-barker', name: 'Cllr Tom Barker', kind: 'councillor' },
    ]);
    expect(entries.at(-1)).toMatchObject({
      type: 'RaisingPartyAdded',
      personalDataWithheld: true,
      summary: 'Also raised by Agbrigg Primary School',
      data: { party: { partyId: 'agbrigg-school', name: 'Agbrigg Primary School', kind: 'school', contact: { withheld: true } } },
    });
    const text = JSON.stringify(entries);
    expect(text).not.toContain('Margaret');
    expect(text).not.toContain('07700');
    expect(text).not.toContain('office@agbrigg');
    // The hashes are the stored events' own: the same whoever reads them.
    const full = await wholeHistory(planId, auditor);
    expect(entries.map((e) => e.hash)).toEqual(full.map((e) => e.hash));
  });
});

describe('the history of an ASB case', () => {
  const CASE_HISTORY = `query($id: ID!) { asbCase(id: $id) { history(first: 100) { totalCount edges { node { ${NESTED} } } } } }`;

  it('is null for an agency not on the case, as if the case did not exist', async () => {
    // Sycamore Walk: the council owns it; the police and health are partners, housing has an action. The fire service has no part in it.
    const sycamore = demo['ASB-2026-0003']!;
    const fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'] });
    const never = globalId('AsbCase', '00000000-0000-4000-8000-000000000000');
    for (const id of [sycamore.id, never]) {
      const answer = await server.graphql(HISTORY, { token: fire, variables: { id } });
      expect(answer.body).toEqual({ data: { history: null } });
      const field = await server.graphql(CASE_HISTORY, { token: fire, variables: { id } });
      expect(field.body).toEqual({ data: { asbCase: null } });
    }
  });

  it('shows a coordinator of another agency every event without the people’s personal data, the owning agency and an auditor with it', async () => {
    const sycamore = demo['ASB-2026-0003']!;
    const events = await streamOf(`asbcase-${sycamore.localId}`);
    const council = await server.token({ userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'] });
    const youthLead = await server.token({ userId: 'lead.youth', agencyId: 'youth', roles: ['coordinator'] });
    const full = await wholeHistory(sycamore.id, auditor);
    expect(await wholeHistory(sycamore.id, council)).toEqual(full);
    const field = await query(CASE_HISTORY, council, { id: sycamore.id });
    expect(field.asbCase.history.edges.map((e: { node: Data }) => e.node)).toEqual(nestedOf(full));
    expect(full.map((e) => e.data)).toEqual(events.map((e) => e.data));
    expect(full.every((e) => !e.personalDataWithheld && !e.dataWithheld)).toBe(true);

    const withheld = await wholeHistory(sycamore.id, youthLead);
    expect(withheld.map((e) => [e.revision, e.type, e.summary, e.hash])).toEqual(full.map((e) => [e.revision, e.type, e.summary, e.hash]));
    const names: string[] = [];
    for (const [i, entry] of withheld.entries()) {
      const stored = full[i]!.data;
      if (stored.person) {
        names.push(stored.person.details.name);
        expect(entry.data.person).toEqual({ personId: stored.person.personId, withheld: true });
        expect(entry.personalDataWithheld).toBe(true);
      }
      if ('householdKey' in stored) expect(entry.data.householdKey).toEqual({ withheld: true });
      if (!stored.person && !('householdKey' in stored)) {
        expect(entry.data).toEqual(stored);
        expect(entry.personalDataWithheld).toBe(false);
      }
    }
    expect(names.length).toBeGreaterThanOrEqual(3);
    const text = JSON.stringify(withheld);
    for (const name of names) expect(text).not.toContain(name);
    // The lines name nobody, whoever reads them.
    expect(full.find((e) => e.type === 'VictimRecorded')!.summary).toBe('A victim recorded');
    expect(full.find((e) => e.type === 'VictimRiskAssessed')!.summary).toMatch(/^A victim assessed high risk \(score \d+\) by /);
    for (const name of names) expect(JSON.stringify(full.map((e) => e.summary))).not.toContain(name.split(' ')[0]!);
  });

  it('withholds who made each complaint a case review gathered, and their household, from a coordinator of another agency', async () => {
    // Hawthorn Court: the tenant's application for a case review, with the complaints it counted.
    const hawthorn = demo['ASB-2026-0001']!;
    const youthLead = await server.token({ userId: 'lead.youth', agencyId: 'youth', roles: ['coordinator'] });
    const full = (await wholeHistory(hawthorn.id, auditor)).find((e) => e.type === 'CaseReviewRequested')!;
    const seen = (await wholeHistory(hawthorn.id, youthLead)).find((e) => e.type === 'CaseReviewRequested')!;
    expect(full.data.complaints.length).toBeGreaterThanOrEqual(3);
    expect(full.data.complaints.some((c: Data) => typeof c.complainantPersonId === 'string')).toBe(true);
    expect(seen.personalDataWithheld).toBe(true);
    for (const [i, complaint] of seen.data.complaints.entries()) {
      const stored = full.data.complaints[i];
      expect(complaint).toEqual({
        ...stored,
        ...('complainantPersonId' in stored ? { complainantPersonId: { withheld: true } } : {}),
        ...('householdKey' in stored ? { householdKey: { withheld: true } } : {}),
      });
    }
    expect(seen.summary).toBe(full.summary);
    expect(seen.summary).toMatch(/^Case review .* applied for by a victim: \d+ complaints gathered, threshold met on them$/);
  });

  it('does not name a plan the caller may not see, as `AsbCase.plan` does not', async () => {
    // The Bull Ring case is the council's, linked to the street-drinking plan, which the police opened for a business and a councillor.
    const bullRing = demo['ASB-2026-0002']!;
    const council = await server.token({ userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'] });
    const live = await query('query($id: ID!) { asbCase(id: $id) { plan { id } personalDataWithheld } }', council, { id: bullRing.id });
    expect(live.asbCase).toEqual({ plan: null, personalDataWithheld: false });
    const linked = (await wholeHistory(bullRing.id, council)).find((e) => e.type === 'CaseLinkedToPlan')!;
    expect(linked).toMatchObject({ summary: 'Linked to a plan', personalDataWithheld: false, dataWithheld: true, data: { planId: { withheld: true } } });
    expect(JSON.stringify(linked)).not.toContain(demo['PSP-2026-0005']!.localId);
    const police = await server.token({ userId: 'james.whitaker', agencyId: 'police', roles: ['partner'] });
    const seenByPolice = (await wholeHistory(bullRing.id, police)).find((e) => e.type === 'CaseLinkedToPlan')!;
    expect(seenByPolice).toMatchObject({ dataWithheld: false, data: { planId: demo['PSP-2026-0005']!.localId } });
  });
});

describe('the history of an action', () => {
  it('lists the action’s events with lines in words, to the agency it is assigned to, and through the action’s own field', async () => {
    // The fire service's HMO inspections on the rogue landlords plan: accepted, reported on, then blocked.
    const inspection = demo['ACT-2026-0005']!;
    const fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'] });
    const entries = await wholeHistory(inspection.id, fire);
    expect(entries.map((e) => e.type)).toEqual(['ActionAssigned', 'ActionAccepted', 'ActionProgressReported', 'ActionBlocked']);
    expect(entries[0]!.summary).toMatch(/^Assigned as ACT-2026-0005 to fire \(Station Manager Tom Reilly\), due \d{4}-\d{2}-\d{2}$/);
    expect(entries[1]!.summary).toMatch(/^Accepted by .+ \(fire\)$/);
    expect(entries[2]!.summary).toMatch(/^Progress reported by .+ \(fire\)$/);
    expect(entries[3]!.summary).toMatch(/^Blocked by .+ \(fire\)$/);
    expect(entries.map((e) => e.actor.agencyId)).toEqual(['police', 'fire', 'fire', 'fire']);
    expect(entries.every((e) => !e.dataWithheld)).toBe(true);
    const field = await query(`query($id: ID!) { action(id: $id) { history { totalCount edges { node { ${NESTED} } } } } }`, fire, { id: inspection.id });
    expect(field.action.history.totalCount).toBe(4);
    expect(field.action.history.edges.map((e: { node: Data }) => e.node)).toEqual(nestedOf(entries));
    // Health has no part in the plan or the action.
    const health = await server.token({ userId: 'nurse.health', agencyId: 'health', roles: ['partner'] });
    expect((await server.graphql(HISTORY, { token: health, variables: { id: inspection.id } })).body).toEqual({ data: { history: null } });
  });
});
