/**
 * The disclosure ledger through HTTP, on the demo: ASB-2026-0003 (Sycamore
 * Walk) is owned by the council, with the police and health as partners.
 * Every read of its people's personal data by another agency, or by an
 * auditor, is recorded before it is served, on the reading agency's gateway.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CommandHandler } from '../../src/app/command-handler.js';
import { demoCaseId } from '../../src/app/demo/cases.js';
import { disclosureLedgerStream, disclosureStreamName } from '../../src/app/disclosure-ledger.js';
import { embeddedStorePath } from '../../src/casebook.js';
import type { PersonalDataDisclosed } from '../../src/domain/disclosure/ledger.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { startTestServer, type TestServer } from '../support/server.js';

const MAIN = resolve('dist/src/main.js');
const caseId = demoCaseId('sycamore-walk');
const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

const PEOPLE = `query People($id: ID!) {
  asbCase(id: $id) {
    reference owningAgencyId agencies personalDataWithheld
    victims { personId householdKey details { name dateOfBirth address phone email contactNote } }
    witnesses { personId householdKey details { name dateOfBirth address phone email contactNote } }
    subjects { personId householdKey details { name dateOfBirth address phone email contactNote } }
  }
}`;

interface Person {
  personId: string;
  householdKey: string | null;
  details: Record<string, string | null> | null;
}
interface People {
  reference: string;
  owningAgencyId: string;
  agencies: string[];
  personalDataWithheld: boolean;
  victims: Person[];
  witnesses: Person[];
  subjects: Person[];
}

/** Every PersonalDataDisclosed the store holds, oldest first, with its stream and correlation id. */
async function ledger(server: TestServer): Promise<Array<PersonalDataDisclosed & { streamId: string; metadataCorrelationId: string }>> {
  const found: Array<PersonalDataDisclosed & { streamId: string; metadataCorrelationId: string }> = [];
  for await (const event of server.casebook.store.readAll()) {
    if (event.type === 'PersonalDataDisclosed') found.push({ ...(event.data as unknown as PersonalDataDisclosed), streamId: event.streamId, metadataCorrelationId: event.metadata.correlationId });
  }
  return found;
}

/** What a read of everyone on the case should record of each person: the details held, and the household key when there is one. */
function expectedDisclosures(people: People, gateway: string) {
  const roles = [
    ['victim', people.victims],
    ['witness', people.witnesses],
    ['subject', people.subjects],
  ] as const;
  return roles.flatMap(([role, list]) =>
    list.map((p) => ({
      caseId,
      reference: people.reference,
      personId: p.personId,
      role,
      fields: [...Object.entries(p.details ?? {}).filter(([, v]) => v !== null).map(([k]) => k), ...(p.householdKey ? ['householdKey'] : [])].sort(),
      gateway,
    })),
  );
}

const sorted = (disclosures: PersonalDataDisclosed['disclosures']) => disclosures.map((d) => ({ ...d, fields: [...d.fields].sort() }));

let server: TestServer;
let owner: People;

async function read(token: string, query = PEOPLE) {
  const response = await server.graphql(query, { token, variables: { id: globalId('AsbCase', caseId) } });
  return { response, people: response.body.data?.asbCase as People };
}

beforeAll(async () => {
  server = await startTestServer();
  const { people } = await read(await server.token({ userId: 'megan.lloyd', agencyId: 'council', roles: ['partner'] }));
  owner = people;
});

afterAll(async () => {
  await server?.close();
});

describe('the disclosure ledger', () => {
  it('records nothing when the owning agency reads its own case’s people', async () => {
    const before = await ledger(server);
    expect(owner.owningAgencyId).toBe('council');
    expect(owner.reference).toBe('ASB-2026-0003');
    expect(owner.victims[0]?.details?.name).toBe('Alan Whitehead');
    const again = await read(await server.token({ userId: 'daniel.price', agencyId: 'council', roles: ['coordinator'] }));
    expect(again.people.victims[0]?.details?.name).toBe('Alan Whitehead');
    expect(await ledger(server)).toEqual(before);
  });

  it('records a police partner’s read: one disclosure per person, the fields served, on DPA 2018 Part 3, in one event', async () => {
    const before = (await ledger(server)).length;
    const { response, people } = await read(await server.token({ userId: 'james.whitaker', agencyId: 'police', roles: ['partner'] }));
    expect(people.personalDataWithheld).toBe(false);
    expect(people.victims.map((v) => v.details)).toEqual(owner.victims.map((v) => v.details));
    const written = (await ledger(server)).slice(before);
    expect(written).toHaveLength(1);
    const event = written[0]!;
    expect(event.streamId).toBe('disclosures-police-2026-11-23');
    expect(event.reader).toEqual({ userId: 'james.whitaker', agencyId: 'police', roles: ['partner'] });
    expect(event.readAt).toBe('2026-11-23T12:00:00.000Z');
    expect(event.correlationId).toBe(response.headers.get('x-correlation-id'));
    expect(event.metadataCorrelationId).toBe(event.correlationId);
    expect(sorted(event.disclosures)).toEqual(expect.arrayContaining(expectedDisclosures(owner, 'dpa-2018-part-3')));
    expect(event.disclosures).toHaveLength(owner.victims.length + owner.witnesses.length + owner.subjects.length);
  });

  it('records a partner of another agency on the case on the Crime and Disorder Act s.115, the default gateway', async () => {
    expect(owner.agencies).toEqual(expect.arrayContaining(['health', 'housing']));
    const before = (await ledger(server)).length;
    await read(await server.token({ userId: 'amira.hussain', agencyId: 'housing', roles: ['partner'] }));
    const written = (await ledger(server)).slice(before);
    expect(written).toHaveLength(1);
    expect(written[0]!.streamId).toBe('disclosures-housing-2026-11-23');
    expect(new Set(written[0]!.disclosures.map((d) => d.gateway))).toEqual(new Set(['cda-s115']));
  });

  it('reads and records nothing for a coordinator of an agency not on the case: the details are withheld', async () => {
    expect(owner.agencies).not.toContain('fire');
    const before = await ledger(server);
    const { people } = await read(await server.token({ userId: 'fire.analyst', agencyId: 'fire', roles: ['coordinator'] }));
    expect(people.personalDataWithheld).toBe(true);
    expect([...people.victims, ...people.witnesses, ...people.subjects].every((p) => p.details === null && p.householdKey === null)).toBe(true);
    expect(await ledger(server)).toEqual(before);
  });

  it('records an auditor’s read, on the gateway `audit`, even of the owning agency', async () => {
    const before = (await ledger(server)).length;
    await read(await server.token({ userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'] }));
    const written = (await ledger(server)).slice(before);
    expect(written).toHaveLength(1);
    expect(written[0]!.streamId).toBe('disclosures-council-2026-11-23');
    expect(sorted(written[0]!.disclosures)).toEqual(expect.arrayContaining(expectedDisclosures(owner, 'audit')));
  });

  it('records the risk register, repeat victims and history too, each person once per request', async () => {
    const alan = owner.victims[0]!;
    const before = (await ledger(server)).length;
    const response = await server.graphql(
      `query($id: ID!) {
        asbCase(id: $id) { victims { personId details { name } } history(first: 100) { edges { node { type data } } } }
        riskRegister { personId details { name } householdKey }
        repeatVictims { personId details { name } }
      }`,
      { token: await server.token({ userId: 'james.whitaker', agencyId: 'police', roles: ['partner'] }), variables: { id: globalId('AsbCase', caseId) } },
    );
    expect(response.body.errors).toBeUndefined();
    const history = (response.body.data?.asbCase as { history: { edges: Array<{ node: { type: string; data: { person?: { details?: { name: string } } } } }> } }).history.edges;
    expect(history.find((e) => e.node.type === 'VictimRecorded')?.node.data.person?.details?.name).toBe('Alan Whitehead');
    const written = (await ledger(server)).slice(before);
    const all = written.flatMap((e) => e.disclosures);
    const alansOnThisCase = all.filter((d) => d.personId === alan.personId && d.caseId === caseId);
    // Asked by the case, the register and the history: each field of Alan's on this case recorded once.
    const fields = alansOnThisCase.flatMap((d) => d.fields);
    expect(fields.length).toBe(new Set(fields).size);
    expect(new Set(fields)).toEqual(new Set(['name', 'dateOfBirth', 'address', 'phone', 'contactNote', 'householdKey']));
    expect(all.every((d) => d.gateway === 'dpa-2018-part-3')).toBe(true);
  });

  it('fails the field, never serving the data, when the ledger cannot be written', async () => {
    const handle = vi.spyOn(server.casebook.commands, 'handle').mockRejectedValueOnce(new Error('the disk is full'));
    try {
      const { response, people } = await read(await server.token({ userId: 'james.whitaker', agencyId: 'police', roles: ['partner'] }));
      expect(response.body.errors?.length).toBeGreaterThan(0);
      expect(response.body.errors?.every((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' && !e.message.includes('disk'))).toBe(true);
      expect([...people.victims, ...people.witnesses, ...people.subjects].every((p) => p.details === null)).toBe(true);
    } finally {
      handle.mockRestore();
    }
  });

  it('answers `disclosures` to auditors, filtered, and null to everyone else', async () => {
    await server.casebook.projections.waitFor((await server.casebook.store.headPosition())!);
    const alan = owner.victims[0]!.personId;
    const query = `query($filter: DisclosureFilter) {
      disclosures(filter: $filter, first: 100) { totalCount edges { node { agencyId userId reference personId role fields gateway readAt asbCase { id } } } }
    }`;
    const auditor = await server.graphql(query, { token: await server.token({ userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'] }), variables: { filter: { personId: alan, caseId: globalId('AsbCase', caseId), agencyId: 'police', from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' } } });
    expect(auditor.body.errors).toBeUndefined();
    const page = auditor.body.data?.disclosures as { totalCount: number; edges: Array<{ node: Record<string, unknown> }> };
    expect(page.totalCount).toBeGreaterThanOrEqual(2);
    expect(page.edges[0]!.node).toMatchObject({ agencyId: 'police', userId: 'james.whitaker', reference: 'ASB-2026-0003', personId: alan, role: 'victim', gateway: 'dpa_2018_part_3', asbCase: { id: globalId('AsbCase', caseId) } });
    const none = await server.graphql(query, { token: await server.token({ userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'] }), variables: { filter: { personId: alan, to: '2026-11-01T00:00:00.000Z' } } });
    expect((none.body.data?.disclosures as { totalCount: number }).totalCount).toBe(0);
    const coordinator = await server.graphql(query, { token: await server.token({ userId: 'daniel.price', agencyId: 'council', roles: ['coordinator'] }) });
    expect(coordinator.body.errors).toBeUndefined();
    expect(coordinator.body.data?.disclosures).toBeNull();
    const tooMany = await server.graphql('{ disclosures(first: 101) { totalCount } }', { token: await server.token({ userId: 'olivia.grant', agencyId: 'council', roles: ['auditor'] }) });
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('a configured information-sharing gateway', () => {
  it('is the one recorded for that agency', async () => {
    const configured = await startTestServer({ informationSharing: { gateways: { police: 'cda-s17a', health: 'consent' }, default: 'cda-s115' } });
    try {
      const token = await configured.token({ userId: 'leah.byrne', agencyId: 'health', roles: ['partner'] });
      await configured.graphql(PEOPLE, { token, variables: { id: globalId('AsbCase', caseId) } });
      const written = await ledger(configured);
      expect(written).toHaveLength(1);
      expect(new Set(written[0]!.disclosures.map((d) => d.gateway))).toEqual(new Set(['consent']));
    } finally {
      await configured.close();
    }
  });
});

describe('casebook disclosures --person', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  function run(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', CASEBOOK_DATA_DIR: dataDir }, cwd: tmpdir() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return new Promise((done, reject) => {
      child.on('error', reject);
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
  }

  it('writes every disclosure of that person, and only theirs, as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-disclosures-'));
    dirs.push(dir);
    const store = new SqliteEventStore({ path: embeddedStorePath(dir) });
    const commands = new CommandHandler(store);
    const alan = 'a1a8e7d2-0000-4000-8000-000000000001';
    const connor = 'a1a8e7d2-0000-4000-8000-000000000002';
    const on = { caseId, reference: 'ASB-2026-0003' };
    for (const [reader, gateway, readAt] of [
      [{ userId: 'james.whitaker', agencyId: 'police', roles: ['partner' as const] }, 'dpa-2018-part-3' as const, '2026-11-22T09:00:00.000Z'],
      [{ userId: 'leah.byrne', agencyId: 'health', roles: ['partner' as const] }, 'cda-s115' as const, '2026-11-23T10:00:00.000Z'],
    ] as const) {
      await commands.handle(
        disclosureLedgerStream,
        disclosureStreamName(reader.agencyId, new Date(readAt)),
        {
          type: 'RecordDisclosures',
          disclosures: [
            { ...on, personId: alan, role: 'victim', fields: ['name', 'address'], gateway },
            { ...on, personId: connor, role: 'subject', fields: ['name'], gateway },
          ],
          readAt,
          reader,
          correlationId: `req-${reader.agencyId}-0001`,
        },
        { actor: reader, correlationId: `req-${reader.agencyId}-0001` },
      );
    }
    await store.close();

    const result = await run(['disclosures', '--person', alan], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { format: string; personId: string; disclosures: Array<Record<string, unknown>> };
    expect(doc).toMatchObject({ format: 'casebook-disclosures/1', personId: alan });
    expect(doc.disclosures).toEqual([
      expect.objectContaining({ readAt: '2026-11-22T09:00:00.000Z', reader: expect.objectContaining({ agencyId: 'police' }), caseId, reference: 'ASB-2026-0003', role: 'victim', fields: ['name', 'address'], gateway: 'dpa-2018-part-3', streamId: 'disclosures-police-2026-11-22' }),
      expect.objectContaining({ readAt: '2026-11-23T10:00:00.000Z', reader: expect.objectContaining({ agencyId: 'health' }), gateway: 'cda-s115', correlationId: 'req-health-0001' }),
    ]);

    const out = join(dir, 'sar.json');
    const written = await run(['disclosures', '--person', connor, '--out', out], dir);
    expect(written.stdout).toBe(`Wrote 2 disclosures of ${connor} to ${out}.\n`);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { disclosures: unknown[] }).disclosures).toHaveLength(2);

    const missing = await run(['disclosures'], dir);
    expect(missing.code).toBe(2);
  });
});
