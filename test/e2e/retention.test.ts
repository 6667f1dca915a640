/**
 * MoPI retention reviews through HTTP, on the demo: the bonfire night plan
 * and one ASB case are closed. Each falls due for review six years after its
 * closing (`retentionDue`); a supervisor records retain (with the next
 * review) or dispose; a partner and an open plan are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addYears } from '../../src/domain/shared/retention.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let coordinator: string;
let supervisor: string;
let fire: string;

interface Due {
  kind: string;
  reference: string;
  title: string;
  closedOn: string;
  reviewDueOn: string;
  lastDecision: { decision: string; nextReviewOn: string | null } | null;
  plan: { id: string } | null;
  asbCase: { id: string } | null;
}

interface Closed {
  id: string;
  reference: string;
  closedOn: string;
}

let bonfire: Closed;
let closedCase: Closed;
let openPlanId: string;

type Data = Record<string, unknown>;

async function query(text: string, token: string, variables?: Record<string, unknown>): Promise<Data> {
  const response = await server.graphql(text, { token, ...(variables ? { variables } : {}) });
  expect(response.status, JSON.stringify(response.body.errors)).toBe(200);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
}

const DUE = `query($date: Date!) {
  retentionDue(date: $date, first: 50) {
    totalCount
    edges { node { kind reference title closedOn reviewDueOn lastDecision { decision nextReviewOn } plan { id } asbCase { id } } }
  }
}`;

async function due(date: string, token = coordinator): Promise<Due[]> {
  const data = await query(DUE, token, { date });
  return (data.retentionDue as { edges: Array<{ node: Due }> }).edges.map((e) => e.node);
}

const REVIEW = `mutation($input: RecordRetentionReviewInput!) {
  recordRetentionReview(input: $input) {
    __typename
    ... on RetentionReviewPayload {
      plan { id mopiReviewDueOn retentionReviews { reviewedOn decision reason nextReviewOn reviewer closedOn } }
      asbCase { id mopiReviewDueOn retentionReviews { reviewedOn decision reason nextReviewOn reviewer closedOn } }
    }
    ... on RuleViolation { code message }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;

async function review(input: Record<string, unknown>, token = supervisor): Promise<Data> {
  const data = await query(REVIEW, token, { input });
  return data.recordRetentionReview as Data;
}

const dayBefore = (day: string) => new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.token({ userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'], name: 'PS Sarah Khan' });
  supervisor = await server.token({ userId: 'rachel.okafor', agencyId: 'police', roles: ['supervisor'], name: 'Insp. Rachel Okafor' });
  // Fire is a partner on the bonfire night plan.
  fire = await server.token({ userId: 'tom.reilly', agencyId: 'fire', roles: ['partner'], name: 'Tom Reilly' });
  const plans = await query('{ plans(first: 100) { edges { node { id reference title stage closure { closedOn } } } } }', coordinator);
  const nodes = (plans.plans as { edges: Array<{ node: { id: string; reference: string; title: string; stage: string; closure: { closedOn: string | null } } }> }).edges.map((e) => e.node);
  const plan = nodes.find((p) => p.title.startsWith('Bonfire night'))!;
  expect(plan.stage).toBe('closed');
  bonfire = { id: plan.id, reference: plan.reference, closedOn: plan.closure.closedOn! };
  openPlanId = nodes.find((p) => p.stage !== 'closed')!.id;
  const cases = await query('{ asbCases(first: 100) { edges { node { id reference closure { closedOn } } } } }', coordinator);
  const closed = (cases.asbCases as { edges: Array<{ node: { id: string; reference: string; closure: { closedOn: string } | null } }> }).edges.map((e) => e.node).filter((c) => c.closure);
  expect(closed).toHaveLength(1);
  closedCase = { id: closed[0]!.id, reference: closed[0]!.reference, closedOn: closed[0]!.closure!.closedOn };
});
afterAll(async () => {
  await server.close();
});

describe('retentionDue', () => {
  it('lists the closed bonfire plan and the closed case six years after each closed, and not the day before', async () => {
    const planDue = addYears(bonfire.closedOn, 6);
    const caseDue = addYears(closedCase.closedOn, 6);
    expect(planDue.slice(0, 4)).toBe(String(Number(bonfire.closedOn.slice(0, 4)) + 6));

    const onPlanDay = await due(planDue);
    expect(onPlanDay.find((d) => d.reference === bonfire.reference)).toMatchObject({
      kind: 'PLAN',
      closedOn: bonfire.closedOn,
      reviewDueOn: planDue,
      lastDecision: null,
      plan: { id: bonfire.id },
      asbCase: null,
    });
    expect((await due(dayBefore(planDue))).map((d) => d.reference)).not.toContain(bonfire.reference);

    const onCaseDay = await due(caseDue);
    expect(onCaseDay.find((d) => d.reference === closedCase.reference)).toMatchObject({ kind: 'ASB_CASE', closedOn: closedCase.closedOn, reviewDueOn: caseDue, plan: null, asbCase: { id: closedCase.id } });
    expect((await due(dayBefore(caseDue))).map((d) => d.reference)).not.toContain(closedCase.reference);

    // Oldest due first, and nothing open is ever listed.
    const later = await due('2040-01-01');
    expect(later.map((d) => d.reviewDueOn)).toEqual([...later.map((d) => d.reviewDueOn)].sort());
    expect(later.map((d) => d.reference)).toEqual(expect.arrayContaining([bonfire.reference, closedCase.reference]));
    const data = await query('query($id: ID!) { plan(id: $id) { mopiReviewDueOn retentionReviews { decision } } }', coordinator, { id: bonfire.id });
    expect(data.plan).toEqual({ mopiReviewDueOn: planDue, retentionReviews: [] });
  });

  it('shows a partner only what it may see', async () => {
    const seen = (await due('2040-01-01', fire)).map((d) => d.reference);
    expect(seen).toContain(bonfire.reference);
    expect(seen).not.toContain(closedCase.reference);
  });
});

describe('recordRetentionReview', () => {
  it('refuses a partner, even one on the plan', async () => {
    expect(await review({ planId: bonfire.id, reviewedOn: '2026-11-23', decision: 'retain', reason: 'Keep', nextReviewOn: '2030-01-01' }, fire)).toMatchObject({
      __typename: 'RuleViolation',
      code: 'RETENTION_REVIEW_NEEDS_SUPERVISOR',
    });
  });

  it('refuses an open plan', async () => {
    expect(await review({ planId: openPlanId, reviewedOn: '2026-11-23', decision: 'dispose', reason: 'Not needed' })).toMatchObject({ __typename: 'RuleViolation', code: 'RETENTION_RECORD_OPEN' });
  });

  it('validates the input: one record, and a retain names its next review', async () => {
    const both = await review({ planId: bonfire.id, asbCaseId: closedCase.id, reviewedOn: '2026-11-23', decision: 'dispose', reason: 'x' });
    expect(both).toMatchObject({ __typename: 'ValidationError' });
    expect((both.fieldErrors as Array<{ path: string }>).map((f) => f.path)).toEqual(['planId', 'asbCaseId']);
    const noNext = await review({ planId: bonfire.id, reviewedOn: '2026-11-23', decision: 'retain', reason: 'Keep' });
    expect((noNext.fieldErrors as Array<{ path: string }>).map((f) => f.path)).toEqual(['nextReviewOn']);
  });

  it('records a supervisor’s decision to retain: the plan leaves the list until its next review', async () => {
    const planDue = addYears(bonfire.closedOn, 6);
    const answer = await review({ planId: bonfire.id, reviewedOn: '2026-11-23', decision: 'retain', reason: 'Bonfire disorder recurs: kept to compare next year.', nextReviewOn: '2034-01-10' });
    expect(answer).toMatchObject({
      __typename: 'RetentionReviewPayload',
      asbCase: null,
      plan: {
        id: bonfire.id,
        mopiReviewDueOn: '2034-01-10',
        retentionReviews: [
          { reviewedOn: '2026-11-23', decision: 'retain', reason: 'Bonfire disorder recurs: kept to compare next year.', nextReviewOn: '2034-01-10', reviewer: 'Insp. Rachel Okafor (police)', closedOn: bonfire.closedOn },
        ],
      },
    });
    expect((await due(planDue)).map((d) => d.reference)).not.toContain(bonfire.reference);
    expect((await due('2034-01-09')).map((d) => d.reference)).not.toContain(bonfire.reference);
    expect((await due('2034-01-10')).find((d) => d.reference === bonfire.reference)).toMatchObject({ reviewDueOn: '2034-01-10', lastDecision: { decision: 'retain', nextReviewOn: '2034-01-10' } });
  });

  it('records a decision to dispose: the case is reviewed no more', async () => {
    const answer = await review({ asbCaseId: closedCase.id, reviewedOn: '2026-11-23', decision: 'dispose', reason: 'Resolved; no further policing purpose.' });
    expect(answer).toMatchObject({
      __typename: 'RetentionReviewPayload',
      plan: null,
      asbCase: { id: closedCase.id, mopiReviewDueOn: null, retentionReviews: [{ decision: 'dispose', nextReviewOn: null, closedOn: closedCase.closedOn }] },
    });
    expect((await due('2099-12-31')).map((d) => d.reference)).not.toContain(closedCase.reference);
    expect(await review({ asbCaseId: closedCase.id, reviewedOn: '2026-11-23', decision: 'retain', reason: 'Second thoughts', nextReviewOn: '2030-01-01' })).toMatchObject({
      __typename: 'RuleViolation',
      code: 'RETENTION_DISPOSED',
    });
  });
});
