/**
 * The access model through HTTP, as a partner's own system would meet it.
 *
 * The mutations are read from the schema itself (introspection), so a
 * mutation added later is covered here without anyone remembering to: every
 * one must refuse an auditor, and every one on a plan, an action or an ASB
 * case must answer a partner outside it exactly as it answers for a record
 * that does not exist.
 */
import { randomUUID } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let schema: GraphQLSchema;
/** Police opened the street drinking plan; fire takes no part in it. */
let coordinator: string;
let fire: string;
let youth: string;
let auditor: string;
let drinkingPlan: string;
let youthAction: string;
/** A case the police own; fire is not on it. */
let policeCase: string;
let neighbourhoodId: string;

const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

async function headPosition(): Promise<bigint | null> {
  return (await server.casebook.store.headPosition())?.commit ?? null;
}

type Data = Record<string, unknown>;

async function query(text: string, token: string, variables?: Record<string, unknown>): Promise<Data> {
  const response = await server.graphql(text, { token, ...(variables ? { variables } : {}) });
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
}

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
  fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'], name: 'Tom Reilly' });
  youth = await server.token({ userId: 'grace.mensah', agencyId: 'youth', roles: ['partner'], name: 'Grace Mensah' });
  auditor = await server.token({ userId: 'ian.audit', agencyId: 'opcc', roles: ['auditor'], name: 'Ian Hart' });
  const introspection = await server.graphql(getIntrospectionQuery(), { token: coordinator });
  schema = buildClientSchema(introspection.body.data as unknown as IntrospectionQuery);

  const plans = await query('{ plans(filter: { text: "street drinking" }) { edges { node { id neighbourhoodId } } } }', coordinator);
  const drinking = (plans.plans as { edges: Array<{ node: { id: string; neighbourhoodId: string } }> }).edges[0]!.node;
  drinkingPlan = drinking.id;
  neighbourhoodId = drinking.neighbourhoodId;
  const assigned = await query(
    'mutation($input: AssignActionInput!) { assignAction(input: $input) { ... on ActionPayload { action { id } } } }',
    coordinator,
    { input: { planId: drinkingPlan, assignee: { agencyId: 'youth' }, description: 'Detached youth work in the precinct', dueOn: '2026-12-18' } },
  );
  youthAction = (assigned.assignAction as { action: { id: string } }).action.id;
  const opened = await query(
    'mutation($input: OpenAsbCaseInput!) { openAsbCase(input: $input) { ... on AsbCasePayload { asbCase { id } } } }',
    coordinator,
    { input: { owningAgencyId: 'police', title: 'Threats on the Lupset estate', summary: 'A family threatened by a neighbour’s visitors.', location: { description: 'Lupset estate' }, openedOn: '2026-11-20' } },
  );
  policeCase = (opened.openAsbCase as { asbCase: { id: string } }).asbCase.id;
});
afterAll(async () => {
  await server.close();
});

/** Replaces every occurrence of the given ids, so two answers can be compared whatever record they were about. */
function withoutIds(value: unknown, ...ids: string[]): unknown {
  let text = JSON.stringify(value);
  for (const id of ids) text = text.split(id).join('<id>');
  return JSON.parse(text);
}

describe('a partner whose agency takes no part in a plan', () => {
  const reads: Array<[string, string, (id: string) => Record<string, unknown>, 'plan' | 'action']> = [
    ['plan', 'query($id: ID!) { plan(id: $id) { id title } }', (id) => ({ id }), 'plan'],
    ['node', 'query($id: ID!) { node(id: $id) { id ... on Plan { title } } }', (id) => ({ id }), 'plan'],
    ['nodes', 'query($id: ID!) { nodes(ids: [$id]) { id } }', (id) => ({ id }), 'plan'],
    ['planReport', 'query($id: ID!) { planReport(id: $id) }', (id) => ({ id }), 'plan'],
    ['action', 'query($id: ID!) { action(id: $id) { id description } }', (id) => ({ id }), 'action'],
    ['node (action)', 'query($id: ID!) { node(id: $id) { id ... on Action { description } } }', (id) => ({ id }), 'action'],
  ];

  it.each(reads)('gets from %s exactly what it gets for a record that does not exist', async (_name, text, variables, kind) => {
    const real = kind === 'plan' ? drinkingPlan : youthAction;
    const invented = globalId(kind === 'plan' ? 'Plan' : 'Action', randomUUID());
    const seen = await server.graphql(text, { token: fire, variables: variables(real) });
    const nothing = await server.graphql(text, { token: fire, variables: variables(invented) });
    expect(seen.status).toBe(nothing.status);
    expect(withoutIds(seen.body, real)).toEqual(withoutIds(nothing.body, invented));
    // And the coordinator, who sees the whole partnership, does get it: the test would fail if the record were not there.
    const coordinators = await server.graphql(text, { token: coordinator, variables: variables(real) });
    expect(JSON.stringify(coordinators.body.data)).not.toEqual(JSON.stringify(nothing.body.data));
  });

  it('finds it in no list, board or agenda, and no count gives it away', async () => {
    const data = await query(
      `query($neighbourhood: String!) {
        plans(first: 100) { totalCount edges { node { title } } }
        drinking: plans(filter: { text: "street drinking" }) { totalCount }
        actions(first: 100) { totalCount edges { node { id plan { title } } } }
        myActions { id }
        closureSignOffs { plan { title } }
        ownersBoard { agencyOrGroup actionsOpen }
        coordinationAgenda(neighbourhood: $neighbourhood, date: "2026-11-23") { plans { plan { title } } overdueActionCount }
      }`,
      fire,
      { neighbourhood: neighbourhoodId },
    );
    // Fire takes part in two demo plans: bonfire night, as a partner, and the houses in multiple occupation, where it has an action.
    const firesPlans = ['Bonfire night disorder around Thornes Park', 'Fire risks in rented houses in multiple occupation'];
    const plans = data.plans as { totalCount: number; edges: Array<{ node: { title: string } }> };
    expect(plans.edges.map((e) => e.node.title).sort()).toEqual(firesPlans);
    expect(plans.totalCount).toBe(2);
    expect(data.drinking).toEqual({ totalCount: 0 });
    const actions = data.actions as { totalCount: number; edges: Array<{ node: { id: string; plan: { title: string } } }> };
    expect(actions.edges.length).toBe(actions.totalCount);
    for (const { node } of actions.edges) expect(firesPlans).toContain(node.plan.title);
    expect(actions.edges.map((e) => e.node.id)).not.toContain(youthAction);
    expect(JSON.stringify(data)).not.toContain('youth');
    // The city centre's agenda holds fire's plan there, not the street drinking plan beside it.
    const agenda = data.coordinationAgenda as { plans: Array<{ plan: { title: string } }> };
    expect(agenda.plans.map((p) => p.plan.title)).toEqual(['Fire risks in rented houses in multiple occupation']);
    expect(data.closureSignOffs).toEqual([]);
  });

  it('while the agency given an action on the plan sees the plan and every action on it', async () => {
    const data = await query('query($id: ID!) { plan(id: $id) { title actions { id agencyId } } }', youth, { id: drinkingPlan });
    expect(data.plan).toMatchObject({ title: 'Street drinking in the Bull Ring precinct' });
    expect((data.plan as { actions: Array<{ id: string }> }).actions.map((a) => a.id)).toContain(youthAction);
  });
});

/** A value of the right GraphQL type for a required input field: what a careless client might send. */
function sampleOf(type: GraphQLInputType, ids: Record<string, string>, name: string): unknown {
  if (isNonNullType(type)) return sampleOf(type.ofType, ids, name);
  if (isListType(type)) return [sampleOf(type.ofType, ids, name)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(fields.map((f) => [f.name, sampleOf(f.type, ids, f.name)]));
  }
  if (!isScalarType(type)) throw new Error(`No sample for ${String(type)}`);
  if (name in ids) return ids[name];
  switch (type.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return true;
    case 'Date':
      return '2026-11-20';
    case 'DateTime':
      return '2026-11-20T10:00:00.000Z';
    case 'ID':
      return globalId('Plan', randomUUID());
    default:
      return 'Checked by the access tests';
  }
}

type RecordKind = 'plan' | 'action' | 'case';

/** The input fields that name the record a mutation is on, most specific first. */
const RECORD_FIELDS: ReadonlyArray<readonly [string, RecordKind]> = [
  ['actionId', 'action'],
  ['asbCaseId', 'case'],
  ['caseId', 'case'],
  ['planId', 'plan'],
];

/** For each kind of record: the real one fire may not see, and the type of its global id. */
function recordOf(kind: RecordKind): { real: string; typename: string } {
  return kind === 'plan' ? { real: drinkingPlan, typename: 'Plan' } : kind === 'action' ? { real: youthAction, typename: 'Action' } : { real: policeCase, typename: 'AsbCase' };
}

interface MutationUnderTest {
  readonly name: string;
  readonly inputType: GraphQLInputType;
  /** The records it may be on, each named by its id field: empty for one on no record (opening one, say). */
  readonly records: ReadonlyArray<{ readonly field: string; readonly kind: RecordKind }>;
}

function mutations(): MutationUnderTest[] {
  return Object.values(schema.getMutationType()!.getFields()).map((field) => {
    const input = field.args.find((a) => a.name === 'input')!;
    const inputObject = isNonNullType(input.type) ? input.type.ofType : input.type;
    const fields = isInputObjectType(inputObject) ? inputObject.getFields() : {};
    const named = RECORD_FIELDS.filter(([name]) => name in fields).map(([name, kind]) => ({ field: name, kind, required: isNonNullType(fields[name]!.type) }));
    // A required id names the record the mutation is on (linkCaseToPlan's case; its plan is only linked). With none required,
    // each optional one names a record on its own: assignAction's planId or asbCaseId is the plan or case its new action goes on.
    const required = named.filter((n) => n.required).slice(0, 1);
    const records = (required.length > 0 ? required : named).map(({ field: name, kind }) => ({ field: name, kind }));
    return { name: field.name, inputType: input.type, records };
  });
}

/** A careless client's input, on the record given: its id set even where the field is optional. */
function inputOn(inputType: GraphQLInputType, record: { readonly field: string } | undefined, id: string, ids: Record<string, string>): unknown {
  const sample = sampleOf(inputType, record ? { ...ids, [record.field]: id } : ids, 'input') as Record<string, unknown>;
  return record ? { ...sample, [record.field]: id } : sample;
}

async function mutate(name: string, inputType: GraphQLInputType, input: unknown, token: string) {
  const typeName = String(inputType);
  return server.graphql(`mutation($input: ${typeName}) { ${name}(input: $input) { __typename ... on Error { message } } }`, { token, variables: { input } });
}

describe('every mutation', () => {
  it('covers the mutations API.md names for plans, actions, neighbourhoods and ASB cases', () => {
    const names = mutations().map((m) => m.name);
    for (const name of ['openPlan', 'assignPlanOwner', 'signOffClosure', 'closePlan', 'assignAction', 'reportActionProgress', 'completeAction', 'blockAction', 'setNeighbourhoodPriority']) {
      expect(names).toContain(name);
    }
    const onCases = ['reportIncident', 'recordVictim', 'recordSubject', 'assessVictimRisk', 'recordIntervention', 'recordBreach', 'makeReferral', 'requestCaseReview', 'linkCaseToPlan', 'closeAsbCase'];
    for (const name of [...onCases, 'acknowledgeAlert', 'recordCaseReviewDecision', 'recordCaseReviewOutcome', 'appealCaseReview', 'openAsbCase']) expect(names).toContain(name);
    const on = (kind: RecordKind) => mutations().filter((m) => m.records.some((r) => r.kind === kind));
    expect(on('plan').length).toBeGreaterThanOrEqual(20);
    expect(on('action').length).toBe(7);
    expect(on('case').map((m) => m.name)).toEqual(expect.arrayContaining([...onCases, 'acknowledgeAlert', 'assignAction']));
  });

  it('on a plan, an action or an ASB case out of the caller’s sight answers NotFound, word for word as for one that does not exist, and writes nothing', async () => {
    const head = await headPosition();
    let checked = 0;
    for (const { name, inputType, records } of mutations()) {
      for (const record of records) {
        const { real, typename } = recordOf(record.kind);
        const invented = globalId(typename, randomUUID());
        const seen = await mutate(name, inputType, inputOn(inputType, record, real, { neighbourhoodId }), fire);
        const nothing = await mutate(name, inputType, inputOn(inputType, record, invented, { neighbourhoodId }), fire);
        expect(seen.body.data?.[name], `${name} on a ${record.kind}`).toMatchObject({ __typename: 'NotFound' });
        expect(withoutIds(seen.body, real), `${name} on a ${record.kind}`).toEqual(withoutIds(nothing.body, invented));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(50);
    expect(await headPosition()).toBe(head);
  });

  it('refuses an auditor as Forbidden, before reading the input, and writes nothing', async () => {
    const head = await headPosition();
    const ids = { planId: drinkingPlan, actionId: youthAction, asbCaseId: policeCase, caseId: policeCase, neighbourhoodId };
    for (const { name, inputType, records } of mutations()) {
      // On each record it may be on, a real one the auditor sees; or once, on none.
      for (const record of records.length > 0 ? records : [undefined]) {
        const answer = await mutate(name, inputType, inputOn(inputType, record, record ? recordOf(record.kind).real : '', ids), auditor);
        expect(answer.body.data?.[name], `${name}${record ? ` on a ${record.kind}` : ''}`).toEqual({ __typename: 'Forbidden', message: 'Auditors read the record; they change nothing.' });
      }
    }
    expect(await headPosition()).toBe(head);
  });

  it('lets an auditor read everything, personal data included', async () => {
    const data = await query('query($id: ID!) { plan(id: $id) { title actions { id } } actions(first: 100) { totalCount } }', auditor, { id: drinkingPlan });
    expect((data.plan as { actions: Array<{ id: string }> }).actions.map((a) => a.id)).toContain(youthAction);
    const all = await query('{ actions(first: 100) { totalCount } }', coordinator);
    expect(data.actions).toEqual(all.actions);
  });
});

describe('another agency’s action, on a plan the caller takes part in', () => {
  it('cannot be completed or blocked by a partner of another agency, and nothing is written', async () => {
    // The police opened the plan, so a police partner sees it and its actions; the action is youth's.
    const police = await server.token({ userId: 'pc.jordan', agencyId: 'police', roles: ['partner'] });
    const head = await headPosition();
    const completed = await server.graphql(
      'mutation($input: CompleteActionInput!) { completeAction(input: $input) { __typename ... on RuleViolation { code } } }',
      { token: police, variables: { input: { actionId: youthAction, outcome: 'Done', evidence: 'None', doneOn: '2026-11-22' } } },
    );
    const blocked = await server.graphql('mutation($input: BlockActionInput!) { blockAction(input: $input) { __typename ... on RuleViolation { code } } }', {
      token: police,
      variables: { input: { actionId: youthAction, reason: 'Not ours to block' } },
    });
    expect(completed.body.data!.completeAction).toEqual({ __typename: 'RuleViolation', code: 'ACTION_NOT_YOURS' });
    expect(blocked.body.data!.blockAction).toEqual({ __typename: 'RuleViolation', code: 'ACTION_NOT_YOURS' });
    expect(await headPosition()).toBe(head);
  });
});

describe('a token that is not good', () => {
  it.each([
    ['expired', () => server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'], expiresIn: '-60s' })],
    [
      'tampered (a partner made coordinator)',
      async () => {
        const [header, payload, signature] = (await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'] })).split('.') as [string, string, string];
        const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
        return [header, base64url.encode(JSON.stringify({ ...claims, roles: ['coordinator'] })), signature].join('.');
      },
    ],
  ])('answers 401 when %s, to a query and to a mutation, and writes nothing', async (_name, makeToken) => {
    const token = await makeToken();
    const head = await headPosition();
    const read = await server.graphql('query($id: ID!) { plan(id: $id) { title } }', { token, variables: { id: drinkingPlan } });
    const write = await server.graphql('mutation($input: ReportActionProgressInput!) { reportActionProgress(input: $input) { __typename } }', {
      token,
      variables: { input: { actionId: youthAction, note: 'Should not land' } },
    });
    expect([read.status, write.status]).toEqual([401, 401]);
    expect(read.body.data ?? null).toBeNull();
    expect(await headPosition()).toBe(head);
  });
});

describe('personal data of a resident who raised a plan', () => {
  const RAISERS = 'query($id: ID!) { plan(id: $id) { raisedBy { partyId name kind contact personalDataWithheld } closure { signOffs { name } } timeline { summary } } }';
  let planId: string;

  beforeAll(async () => {
    const opened = await query(
      'mutation($input: OpenPlanInput!) { openPlan(input: $input) { ... on PlanPayload { plan { id } } } }',
      coordinator,
      {
        input: {
          title: 'Cars racing on Agbrigg Road at night',
          neighbourhoodId,
          openedOn: '2026-11-20',
          raisedBy: [
            { partyId: 'agbrigg-resident', name: 'Margaret Holt', kind: 'resident', contact: '07700 900123' },
            { partyId: 'cllr-barker', name: 'Cllr Tom Barker', kind: 'councillor' },
          ],
        },
      },
    );
    planId = (opened.openPlan as { plan: { id: string } }).plan.id;
  });

  it('is read by the agencies on the plan and by auditors', async () => {
    const police = await server.token({ userId: 'pc.jordan', agencyId: 'police', roles: ['partner'] });
    for (const token of [police, coordinator, auditor]) {
      const data = await query(RAISERS, token, { id: planId });
      expect((data.plan as { raisedBy: unknown[] }).raisedBy[0]).toEqual({
        partyId: 'agbrigg-resident',
        name: 'Margaret Holt',
        kind: 'resident',
        contact: '07700 900123',
        personalDataWithheld: false,
      });
    }
  });

  it('is withheld from a coordinator of an agency not on the plan, who still sees the plan; public parties stay named', async () => {
    const council = await server.token({ userId: 'daniel.price', agencyId: 'council', roles: ['coordinator'] });
    const data = await query(RAISERS, council, { id: planId });
    const plan = data.plan as { raisedBy: unknown[]; closure: { signOffs: unknown[] }; timeline: Array<{ summary: string }> };
    expect(plan.closure.signOffs).toEqual([{ name: 'a resident' }, { name: 'Cllr Tom Barker' }]);
    expect(plan.raisedBy).toEqual([
      { partyId: 'agbrigg-resident', name: null, kind: 'resident', contact: null, personalDataWithheld: true },
      { partyId: 'cllr-barker', name: 'Cllr Tom Barker', kind: 'councillor', contact: null, personalDataWithheld: false },
    ]);
    expect(JSON.stringify(data)).not.toContain('Margaret');
    expect(JSON.stringify(data)).not.toContain('07700');
    expect(plan.timeline[0]!.summary).toMatch(/raised by a resident, Cllr Tom Barker$/);
  });

  it('is not in the plan report, which is written to be published', async () => {
    const data = await query('query($id: ID!) { planReport(id: $id) }', coordinator, { id: planId });
    expect(data.planReport).toContain('a resident');
    expect(data.planReport).not.toContain('Margaret');
  });
});
