/** `planReport` over HTTP: the demo's closed bonfire-night plan written up as an award entry. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let coordinator: string;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
});
afterAll(async () => {
  await server.close();
});

const REPORT = `query($id: ID!) { planReport(id: $id) }`;

describe('planReport', () => {
  it('writes up the closed bonfire-night plan of the demo as an award entry, and answers null for an unknown plan', async () => {
    const found = await server.graphql(`{ plans(filter: { text: "bonfire" }) { edges { node { id stage } } } }`, { token: coordinator });
    const nodes = (found.body.data!.plans as { edges: Array<{ node: { id: string; stage: string } }> }).edges.map((e) => e.node);
    const bonfire = nodes.find((n) => n.stage === 'closed');
    expect(bonfire).toBeDefined();

    const response = await server.graphql(REPORT, { token: coordinator, variables: { id: bonfire!.id } });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const report = response.body.data!.planReport as string;
    expect(report.startsWith('# Bonfire night disorder around Thornes Park (PSP-')).toBe(true);
    expect(report).toContain('\n## Summary\n');
    expect(report).toContain('\n## Assessment\n');
    expect(report).toContain('| Cllr Nadia Ahmed |');

    const missing = Buffer.from('Plan:00000000-0000-4000-8000-000000000000').toString('base64');
    const unknown = await server.graphql(REPORT, { token: coordinator, variables: { id: missing } });
    expect(unknown.body).toEqual({ data: { planReport: null } });
  });
});
