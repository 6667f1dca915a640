/**
 * Erasure and restriction through HTTP, on the demo partnership.
 *
 * ASB-2026-0001 (Hawthorn Court) is owned by housing; Karen Ashworth is its
 * victim. Erasing her destroys her key: her details read as erased on the
 * case, in its history, as of any past day and in an export, while the case's
 * hash chain verifies to the same head as before. Restricting a person keeps
 * their data for auditors alone, each read in the disclosure ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCaseId, demoPersonId } from '../../src/app/demo/cases.js';
import { demoNeighbourhoodId } from '../../src/app/demo/coordinators.js';
import { exportRecord } from '../../src/app/record-export.js';
import type { PersonalDataDisclosed } from '../../src/domain/disclosure/ledger.js';
import { startTestServer, type TestServer, testNow } from '../support/server.js';

const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');
const hawthorn = globalId('AsbCase', demoCaseId('hawthorn-court'));
/** ASB-2026-0003, owned by the council, with the police and health as partners: Denise Kerr is its witness. */
const sycamore = globalId('AsbCase', demoCaseId('sycamore-walk'));
const karen = demoPersonId('karen-ashworth');
/** What only Karen's details hold: none of it may be served once she is erased. */
const karensDetails = ['Karen Ashworth', '07700 900417', 'Flat 3, Hawthorn Court', 'works early shifts', 'demo-hawthorn-court-3'];

let server: TestServer;
let supervisor: string;
let coordinator: string;
let auditor: string;
let housing: string;
let police: string;
let council: string;

async function query<T>(text: string, token: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await server.graphql(text, { token, variables });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as T;
}

const PEOPLE = `query($id: ID!) { asbCase(id: $id) { victims { personId personalData personalDataWithheld householdKey details { name phone address } } witnesses { personId personalData personalDataWithheld details { name } } } }`;
type Person = { personId: string; personalData: string; personalDataWithheld: boolean; householdKey?: string | null; details: Record<string, string | null> | null };
type People = { asbCase: { victims: Person[]; witnesses: Person[] } };

const victim = async (token: string, personId = karen) => (await query<People>(PEOPLE, token, { id: hawthorn })).asbCase.victims.find((v) => v.personId === personId)!;

const ERASE = `mutation($input: ErasePersonInput!) { erasePerson(input: $input) {
  __typename
  ... on PersonalDataStanding { personId revision erasure { ground reason by { userId agencyId at } } restriction { reason } cases { reference } }
  ... on RuleViolation { code message } ... on Forbidden { message } ... on NotFound { message } ... on ValidationError { fieldErrors { path message } }
} }`;
const RESTRICT = `mutation($input: RestrictPersonInput!) { restrictPerson(input: $input) { __typename ... on PersonalDataStanding { restriction { reason by { userId } } } ... on RuleViolation { code } ... on Forbidden { message } ... on NotFound { message } } }`;
const LIFT = `mutation($input: LiftPersonRestrictionInput!) { liftPersonRestriction(input: $input) { __typename ... on PersonalDataStanding { restriction { reason } } ... on RuleViolation { code } } }`;
const INTEGRITY = `query($id: ID!) { verifyIntegrity(id: $id) { whole events lastRevision lastHash } }`;
const erasure = { personId: karen, ground: 'subject_request', reason: 'Asked in writing on 1 November 2026; no proceedings pending.' };

beforeAll(async () => {
  server = await startTestServer();
  supervisor = await server.token({ userId: 'rachel.okafor', agencyId: 'police', roles: ['supervisor'], name: 'Insp. Rachel Okafor' });
  coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
  auditor = await server.token({ userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'], name: 'Olivia Grant' });
  housing = await server.token({ userId: 'amira.hussain', agencyId: 'housing', roles: ['partner'], name: 'Amira Hussain' });
  police = await server.token({ userId: 'james.ward', agencyId: 'police', roles: ['partner'], name: 'PC James Ward' });
  council = await server.token({ userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'], name: 'Megan Lloyd' });
});

afterAll(async () => {
  await server?.close();
});

describe('erasing a person', () => {
  it('is refused to partners and auditors, and to a person on no case in sight, writing nothing', async () => {
    for (const token of [housing, auditor]) {
      const refused = (await server.graphql(ERASE, { token, variables: { input: erasure } })).body.data as { erasePerson: { __typename: string } };
      expect(refused.erasePerson.__typename).toBe('Forbidden');
    }
    const nobody = (await server.graphql(ERASE, { token: supervisor, variables: { input: { ...erasure, personId: '00000000-0000-4000-8000-000000000000' } } })).body.data as { erasePerson: { __typename: string; message: string } };
    expect(nobody.erasePerson).toEqual({ __typename: 'NotFound', message: expect.stringContaining('The person') });
    // A supervisor of an agency not on her case may not read her data, so may not decide on it: to fire she is no one.
    const fireSupervisor = await server.token({ userId: 'kate.lund', agencyId: 'fire', roles: ['supervisor'], name: 'Group Manager Kate Lund' });
    for (const [mutation, input] of [
      [ERASE, erasure],
      [RESTRICT, { personId: karen, reason: 'Evidence for the injunction hearing on 14 January 2027.' }],
    ] as const) {
      const refused = (await server.graphql(mutation, { token: fireSupervisor, variables: { input } })).body.data as Record<string, { __typename: string; message: string }>;
      expect(Object.values(refused)[0]).toEqual(nobody.erasePerson);
    }
    const short = (await server.graphql(ERASE, { token: supervisor, variables: { input: { ...erasure, reason: 'asked' } } })).body.data as { erasePerson: { __typename: string; fieldErrors: Array<{ path: string }> } };
    expect(short.erasePerson.__typename).toBe('ValidationError');
    expect(short.erasePerson.fieldErrors.map((e) => e.path)).toEqual(['reason']);
    expect((await victim(auditor)).details?.name).toBe('Karen Ashworth');
  });

  it('makes the victim’s data unreadable everywhere, while the case’s hash chain verifies to the same head', async () => {
    const before = await query<{ verifyIntegrity: { whole: boolean; events: number; lastHash: string } }>(INTEGRITY, auditor, { id: hawthorn });
    expect(before.verifyIntegrity.whole).toBe(true);
    const aMonthAgo = new Date(testNow.getTime() - 30 * 86_400_000).toISOString();
    const pastBefore = await query<{ asbCaseAsOf: { victims: Person[] } }>(`query($id: ID!, $at: DateTime!) { asbCaseAsOf(id: $id, at: $at) { victims { personId details { name } } } }`, auditor, { id: hawthorn, at: aMonthAgo });
    expect(pastBefore.asbCaseAsOf.victims.find((v) => v.personId === karen)!.details?.name).toBe('Karen Ashworth');

    const erased = await query<{ erasePerson: Record<string, unknown> }>(ERASE, supervisor, { input: erasure });
    expect(erased.erasePerson).toEqual({
      __typename: 'PersonalDataStanding',
      personId: karen,
      revision: 0,
      erasure: { ground: 'subject_request', reason: erasure.reason, by: { userId: 'rachel.okafor', agencyId: 'police', at: testNow.toISOString() } },
      restriction: null,
      cases: [{ reference: 'ASB-2026-0001' }],
    });

    // The case, to the auditor and to the owner: erased, with nothing withheld (there is nothing left to withhold).
    for (const token of [auditor, housing]) {
      expect(await victim(token)).toEqual({ personId: karen, personalData: 'erased', personalDataWithheld: false, householdKey: null, details: null });
    }
    // As of a month ago: erased too, though she was on the case then.
    const pastAfter = await query<{ asbCaseAsOf: { victims: Person[] } }>(`query($id: ID!, $at: DateTime!) { asbCaseAsOf(id: $id, at: $at) { victims { personId personalData details { name } } } }`, auditor, { id: hawthorn, at: aMonthAgo });
    expect(pastAfter.asbCaseAsOf.victims.find((v) => v.personId === karen)).toEqual({ personId: karen, personalData: 'erased', details: null });

    // The history: every event that carried her reads with no details, and no answer anywhere names her.
    const history = await query<{ history: { edges: Array<{ node: { type: string; data: { person?: { personId: string; details: unknown } } } }> } }>(
      `query($id: ID!) { history(id: $id, first: 100) { edges { node { type data } } } }`,
      auditor,
      { id: hawthorn },
    );
    const nodes = history.history.edges.map((e) => e.node);
    const carrying = nodes.filter((n) => n.data.person?.personId === karen);
    expect(carrying.map((n) => n.type)).toEqual(['VictimRecorded']);
    expect(carrying[0]!.data.person).toEqual({ personId: karen, details: null });
    // Her case review's complaints kept copies of her household key, sealed under her key: gone with her.
    const complaints = (nodes.find((n) => n.type === 'CaseReviewRequested')!.data as unknown as { complaints: Array<Record<string, unknown>> }).complaints;
    expect(complaints.length).toBeGreaterThan(0);
    for (const complaint of complaints) expect(complaint).not.toHaveProperty('householdKey');
    // Her case review, judged again from the read model: its complaints kept copies of her household key.
    const REVIEWS = `query($id: ID!) { asbCase(id: $id) { caseReviews { explanation { complaints { householdKey } } } } }`;
    const reviews = [await query(REVIEWS, auditor, { id: hawthorn }), await query(REVIEWS, housing, { id: hawthorn })];
    expect(JSON.stringify(reviews)).toContain('"householdKey":null');
    const everything = JSON.stringify([history, await query(PEOPLE, auditor, { id: hawthorn }), pastAfter, reviews]);
    for (const text of karensDetails) expect(everything).not.toContain(text);

    // The chain: whole, with the very same head as before the erasure: no event was changed.
    const after = await query<{ verifyIntegrity: { whole: boolean; events: number; lastHash: string } }>(INTEGRITY, auditor, { id: hawthorn });
    expect(after.verifyIntegrity).toEqual(before.verifyIntegrity);

    // The export: the sealed events as stored, the chain whole, and Karen erased.
    const exported = (await exportRecord(server.casebook.storeAsWritten, server.casebook.keyring, 'ASB-2026-0001', testNow))!;
    expect(exported.chain.verifiedAtExport.whole).toBe(true);
    const karensEvent = exported.events.find((e) => (e.data.person as { personId?: string } | undefined)?.personId === karen)!;
    expect(karensEvent.data.person).toEqual({ personId: karen, sealed: expect.any(String), seal: 'aes-256-gcm:1' });
    expect(karensEvent.dataOpened!.person).toEqual({ personId: karen, details: null });
    for (const text of karensDetails) expect(JSON.stringify(exported)).not.toContain(text);
  });

  it('records nothing more about her, on this case or any other, and cannot be done twice', async () => {
    const again = await query<{ erasePerson: { __typename: string; code: string } }>(ERASE, supervisor, { input: erasure });
    expect(again.erasePerson).toMatchObject({ __typename: 'RuleViolation', code: 'PERSON_ERASED' });

    const correct = await server.graphql(
      `mutation($input: CorrectPersonalDetailsInput!) { correctPersonalDetails(input: $input) { __typename ... on RuleViolation { code } } }`,
      { token: housing, variables: { input: { asbCaseId: hawthorn, personId: karen, details: { name: 'Karen Ashworth' }, correctedOn: '2026-11-20' } } },
    );
    expect(correct.body.data).toEqual({ correctPersonalDetails: { __typename: 'RuleViolation', code: 'PERSON_ERASED' } });

    // Another case, another role: the keyring gives her id no key again.
    const other = globalId('AsbCase', demoCaseId('bull-ring'));
    const recorded = await server.graphql(
      `mutation($input: RecordWitnessInput!) { recordWitness(input: $input) { __typename ... on RuleViolation { code } } }`,
      { token: coordinator, variables: { input: { asbCaseId: other, personId: karen, details: { name: 'Karen Ashworth' }, recordedOn: '2026-11-20' } } },
    );
    expect(recorded.body.data).toEqual({ recordWitness: { __typename: 'RuleViolation', code: 'PERSON_ERASED' } });
  });
});

describe('restricting a person (DPA 2018 s.47(2))', () => {
  let witness: string;

  it('keeps their data from every agency, the case’s own included, and lets auditors read it, each read recorded', async () => {
    const people = await query<People>(PEOPLE, auditor, { id: sycamore });
    witness = people.asbCase.witnesses[0]!.personId;
    expect((await query<People>(PEOPLE, council, { id: sycamore })).asbCase.witnesses[0]).toMatchObject({ personalData: 'shown', details: { name: expect.any(String) } });

    const restricted = await query<{ restrictPerson: unknown }>(RESTRICT, coordinator, { input: { personId: witness, reason: 'Evidence for the injunction hearing on 14 January 2027.' } });
    expect(restricted.restrictPerson).toEqual({ __typename: 'PersonalDataStanding', restriction: { reason: 'Evidence for the injunction hearing on 14 January 2027.', by: { userId: 'sarah.khan' } } });

    for (const token of [council, police, coordinator]) {
      const seen = (await query<People>(PEOPLE, token, { id: sycamore })).asbCase.witnesses.find((w) => w.personId === witness);
      expect(seen).toEqual({ personId: witness, personalData: 'restricted', personalDataWithheld: true, details: null });
    }
    const history = JSON.stringify(await query(`query($id: ID!) { history(id: $id, first: 100) { edges { node { data personalDataWithheld } } } }`, council, { id: sycamore }));
    expect(history).toContain(`{"personId":"${witness}","withheld":true}`);

    const before = await disclosuresOf(witness);
    const read = (await query<People>(PEOPLE, auditor, { id: sycamore })).asbCase.witnesses.find((w) => w.personId === witness)!;
    expect(read).toMatchObject({ personalData: 'restricted', personalDataWithheld: false, details: { name: expect.any(String) } });
    const after = await disclosuresOf(witness);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)!.reader).toMatchObject({ userId: 'olivia.grant', agencyId: 'council' });
    expect(after.at(-1)!.disclosures.find((d) => d.personId === witness)).toMatchObject({ role: 'witness', gateway: 'audit', fields: expect.arrayContaining(['name']) });
  });

  it('cannot be erased while restricted; lifting the restriction gives the agencies on the case their data back', async () => {
    const refused = await query<{ erasePerson: { __typename: string; code: string } }>(ERASE, supervisor, { input: { ...erasure, personId: witness } });
    expect(refused.erasePerson).toMatchObject({ __typename: 'RuleViolation', code: 'PERSON_RESTRICTED' });
    const lifted = await query<{ liftPersonRestriction: unknown }>(LIFT, supervisor, { input: { personId: witness, reason: 'The hearing is over and no appeal was lodged.' } });
    expect(lifted.liftPersonRestriction).toEqual({ __typename: 'PersonalDataStanding', restriction: null });
    expect((await query<People>(PEOPLE, council, { id: sycamore })).asbCase.witnesses.find((w) => w.personId === witness)).toMatchObject({ personalData: 'shown', details: { name: expect.any(String) } });
  });

  it('tells where a person stands to who may read their data, and to no one else', async () => {
    const STANDING = `query($personId: ID!) { personalDataStanding(personId: $personId) { personId erasure { ground } restriction { reason } cases { reference } } }`;
    expect(await query(STANDING, auditor, { personId: karen })).toEqual({ personalDataStanding: { personId: karen, erasure: { ground: 'subject_request' }, restriction: null, cases: [{ reference: 'ASB-2026-0001' }] } });
    const fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'], name: 'Tom Reilly' });
    expect(await query(STANDING, fire, { personId: karen })).toEqual({ personalDataStanding: null });
  });
});

async function disclosuresOf(personId: string): Promise<PersonalDataDisclosed[]> {
  const found: PersonalDataDisclosed[] = [];
  for await (const event of server.casebook.store.readAll()) {
    const data = event.data as unknown as PersonalDataDisclosed;
    if (event.type === 'PersonalDataDisclosed' && data.disclosures.some((d) => d.personId === personId)) found.push(data);
  }
  return found;
}

describe('a resident who raised a plan', () => {
  const RAISERS = `query($id: ID!) { plan(id: $id) { raisedBy { partyId personId name contact personalData personalDataWithheld } closure { signOffs { partyId name } } } }`;
  type Raiser = { partyId: string; personId: string | null; name: string | null; contact: string | null; personalData: string; personalDataWithheld: boolean };
  type Raisers = { plan: { raisedBy: Raiser[]; closure: { signOffs: Array<{ partyId: string; name: string }> } } };
  let planId: string;
  let joan: string;
  const resident = async (token: string) => (await query<Raisers>(RAISERS, token, { id: planId })).plan.raisedBy.find((r) => r.partyId === 'ings-resident')!;

  beforeAll(async () => {
    const opened = await query<{ openPlan: { plan: { id: string; raisedBy: Raiser[] } } }>(
      'mutation($input: OpenPlanInput!) { openPlan(input: $input) { ... on PlanPayload { plan { id raisedBy { partyId personId } } } } }',
      coordinator,
      {
        input: {
          title: 'Fly-tipping behind the Ings Road shops',
          neighbourhoodId: demoNeighbourhoodId('thornes'),
          openedOn: '2026-11-20',
          raisedBy: [
            { partyId: 'ings-resident', name: 'Joan Pickering', kind: 'resident', contact: '07700 900555' },
            { partyId: 'ings-traders', name: 'Ings Road Traders', kind: 'business' },
          ],
        },
      },
    );
    planId = opened.openPlan.plan.id;
    joan = opened.openPlan.plan.raisedBy.find((r) => r.partyId === 'ings-resident')!.personId!;
    expect(joan).toMatch(/^[0-9a-f-]{36}$/);
    expect(opened.openPlan.plan.raisedBy.find((r) => r.partyId === 'ings-traders')!.personId).toBeNull();
  });

  it('has her name and contact sealed in the plan’s events, under her own key', async () => {
    const stream = `plan-${Buffer.from(planId, 'base64').toString('utf8').split(':')[1]}`;
    const stored = JSON.stringify((await collectEvents(server.casebook.storeAsWritten.readStream(stream))).map((e) => e.data));
    expect(stored).not.toContain('Joan Pickering');
    expect(stored).not.toContain('07700 900555');
    expect(stored).toContain('Ings Road Traders');
    expect(await resident(police)).toEqual({ partyId: 'ings-resident', personId: joan, name: 'Joan Pickering', contact: '07700 900555', personalData: 'shown', personalDataWithheld: false });
  });

  it('restricted, is read by auditors alone; erased, is gone from the plan, its history and its past, while its chain verifies to the same head', async () => {
    await query(RESTRICT, coordinator, { input: { personId: joan, reason: 'Her statement is evidence in the prosecution for fly-tipping.' } });
    expect(await resident(police)).toEqual({ partyId: 'ings-resident', personId: joan, name: null, contact: null, personalData: 'restricted', personalDataWithheld: true });
    expect(await resident(auditor)).toMatchObject({ name: 'Joan Pickering', personalData: 'restricted' });
    const restrictedHistory = JSON.stringify(await query(`query($id: ID!) { history(id: $id) { edges { node { data } } } }`, police, { id: planId }));
    expect(restrictedHistory).not.toContain('Joan Pickering');
    await query(LIFT, coordinator, { input: { personId: joan, reason: 'The prosecution is over: she was not called.' } });

    const before = await query<{ verifyIntegrity: unknown }>(INTEGRITY, auditor, { id: planId });
    const erased = await query<{ erasePerson: { __typename: string; plans: Array<{ id: string }>; cases: unknown[] } }>(
      `mutation($input: ErasePersonInput!) { erasePerson(input: $input) { __typename ... on PersonalDataStanding { plans { id } cases { reference } } ... on RuleViolation { code } } }`,
      supervisor,
      { input: { personId: joan, ground: 'subject_request', reason: 'She asked in writing to be forgotten; nothing requires her details.' } },
    );
    expect(erased.erasePerson).toEqual({ __typename: 'PersonalDataStanding', plans: [{ id: planId }], cases: [] });

    for (const token of [police, auditor]) {
      expect(await resident(token)).toEqual({ partyId: 'ings-resident', personId: joan, name: null, contact: null, personalData: 'erased', personalDataWithheld: false });
    }
    const signOffs = (await query<Raisers>(RAISERS, auditor, { id: planId })).plan.closure.signOffs;
    expect(signOffs.find((s) => s.partyId === 'ings-resident')!.name).toBe('a resident');
    const history = await query<{ history: { edges: Array<{ node: { data: { raisedBy?: unknown[] } } }> } }>(`query($id: ID!) { history(id: $id) { edges { node { data } } } }`, auditor, { id: planId });
    expect(history.history.edges[0]!.node.data.raisedBy![0]).toEqual({ partyId: 'ings-resident', kind: 'resident', personId: joan, name: null });
    const past = await query(`query($id: ID!, $at: DateTime!) { planAsOf(id: $id, at: $at) { raisedBy { name contact personalData } } }`, auditor, { id: planId, at: testNow.toISOString() });
    expect(past).toEqual({ planAsOf: { raisedBy: [{ name: null, contact: null, personalData: 'erased' }, { name: 'Ings Road Traders', contact: null, personalData: 'shown' }] } });
    expect(JSON.stringify([history, past, await query(RAISERS, auditor, { id: planId })])).not.toContain('Joan Pickering');
    expect(await query(INTEGRITY, auditor, { id: planId })).toEqual(before);
  });
});

async function collectEvents<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
