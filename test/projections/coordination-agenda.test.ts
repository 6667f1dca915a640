/**
 * The co-ordination agenda from recorded events, each recorded on a chosen
 * day, so "since the group's last meeting" can be checked to the day.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { neighbourhoodStreamName } from '../../src/app/neighbourhood-stream.js';
import { planStreamName } from '../../src/app/plan-stream.js';
import type { NeighbourhoodEvent } from '../../src/domain/neighbourhood/events.js';
import type { PlanEvent } from '../../src/domain/plan/events.js';
import type { JsonObject } from '../../src/eventstore/event-store.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { coordinationAgenda } from '../../src/projections/coordination-agenda.js';
import { neighbourhoodsProjection } from '../../src/projections/neighbourhoods.js';
import { plansProjection } from '../../src/projections/plans.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { history } from '../domain/plan/history.js';

const thornes = '5b0e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const bonfirePlan = 'a1b2c3d4-0000-4000-8000-000000000001';
const gardenPlan = 'a1b2c3d4-0000-4000-8000-000000000002';
const elsewhere = 'a1b2c3d4-0000-4000-8000-000000000003';

const stores: SqliteEventStore[] = [];
const runners: ProjectionRunner[] = [];
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
  for (const s of stores.splice(0)) await s.close();
});

async function record(store: SqliteEventStore, stream: string, events: Array<PlanEvent | NeighbourhoodEvent>, on: string): Promise<void> {
  for (const event of events) {
    await store.append(
      stream,
      [
        {
          id: randomUUID(),
          type: event.type,
          data: event as unknown as JsonObject,
          metadata: { actor: { userId: 'sarah.khan', agencyId: 'police', roles: ['coordinator'] }, correlationId: 't', causationId: 't', occurredAt: `${on}T10:00:00.000Z`, schemaVersion: 1 },
        },
      ],
      { expectedRevision: 'any' },
    );
  }
}

async function partnership() {
  const store = new SqliteEventStore({ path: ':memory:' });
  stores.push(store);
  const area = neighbourhoodStreamName(thornes);
  await record(store, area, [
    { type: 'NeighbourhoodDefined', neighbourhoodId: thornes, name: 'Thornes', kind: 'ward' },
    { type: 'NeighbourhoodPrioritySet', priorityId: '11111111-0000-4000-8000-000000000001', title: 'Bonfire night disorder', chosenBy: 'public-vote', chosenOn: '2026-08-20', signalClass: 'acute', reviewOn: '2026-11-01' },
    { type: 'CoordinationMeetingHeld', meetingId: 'october', heldOn: '2026-10-07', chair: 'Cllr Nadia Ahmed', attendees: [{ name: 'PS Sarah Khan', agencyId: 'police' }] },
  ], '2026-08-20');
  // The bonfire plan: everything up to its response action on 1 October, the rest after the October meeting.
  await record(store, planStreamName(bonfirePlan), history.responding, '2026-10-01');
  await record(store, planStreamName(bonfirePlan), history.assessing.slice(history.responding.length), '2026-11-01');
  await record(store, planStreamName(bonfirePlan), [
    { type: 'ReviewScheduled', reviewId: 'final', dueOn: '2026-11-03' },
    { type: 'ResponseActionLinked', actionId: '22222222-0000-4000-8000-000000000002', agencyId: 'fire', description: 'Firework safety talk at Thornes primary', dueOn: '2026-11-02' },
  ], '2026-11-01');
  // A second plan, closed before the October meeting: not on the November agenda.
  const garden = history.closed.map((e) => (e.type === 'PlanOpened' ? { ...e, reference: 'PSP-2026-0002', title: 'Garden sheds broken into' } : e));
  await record(store, planStreamName(gardenPlan), garden.map((e) => (e.type === 'PlanClosed' ? { ...e, closedOn: '2026-10-02' } : e)), '2026-10-02');
  // A third, opened later and closed after the October meeting: on the November agenda.
  const burglary = history.closed.map((e) => (e.type === 'PlanOpened' ? { ...e, reference: 'PSP-2026-0004', title: 'Burglary from garages', openedOn: '2026-09-15' } : e));
  await record(store, planStreamName('a1b2c3d4-0000-4000-8000-000000000004'), burglary.map((e) => (e.type === 'PlanClosed' ? { ...e, closedOn: '2026-10-20' } : e)), '2026-10-20');
  // A plan in another neighbourhood.
  await record(store, planStreamName(elsewhere), [{ ...history.opened[0]!, neighbourhoodId: '9c8b7a6d-0000-4000-8000-00000000000a', reference: 'PSP-2026-0003' } as PlanEvent], '2026-10-03');
  const runner = new ProjectionRunner(store, [plansProjection, neighbourhoodsProjection]);
  runners.push(runner);
  await runner.start();
  await runner.whenCaughtUp();
  return { plans: runner.model(plansProjection), neighbourhoods: runner.model(neighbourhoodsProjection) };
}

describe('the co-ordination agenda', () => {
  it('shows each plan with what changed since the group last met, its review, overdue actions and closure', async () => {
    const { plans, neighbourhoods } = await partnership();
    const agenda = coordinationAgenda(plans, neighbourhoods, thornes, '2026-11-04')!;
    expect(agenda.lastMeeting).toMatchObject({ meetingId: 'october', heldOn: '2026-10-07' });
    // Open plans, and the one closed since the October meeting; not the one closed before it.
    expect(agenda.plans.map((p) => [p.view.plan.reference, p.view.plan.stage])).toEqual([
      ['PSP-2026-0004', 'closed'],
      ['PSP-2026-0007', 'assessment'],
    ]);
    const bonfire = agenda.plans.find((p) => p.view.plan.reference === 'PSP-2026-0007');
    expect(bonfire!.changesSinceLastMeeting.map((h) => h.kind)).toEqual(['action-outcome', 'stage', 'action-due', 'review-due', 'measurement']);
    expect(bonfire!.reviewDue).toBe(true);
    expect(bonfire!.overdueActions.map((a) => [a.agencyId, a.dueOn])).toEqual([['fire', '2026-11-02']]);
    expect(bonfire!.closureWaiting).toBe(false);
    expect(agenda.prioritiesDueForReview.map((p) => p.title)).toEqual(['Bonfire night disorder']);
  });

  it('takes everything as new when the group has not met before the day, and nothing recorded after it', async () => {
    const { plans, neighbourhoods } = await partnership();
    const agenda = coordinationAgenda(plans, neighbourhoods, thornes, '2026-10-05')!;
    expect(agenda.lastMeeting).toBeNull();
    // Closed plans come to a group's first meeting only as what it has not seen yet: none.
    expect(agenda.plans.map((p) => p.view.plan.reference)).toEqual(['PSP-2026-0007']);
    const bonfire = agenda.plans.find((p) => p.view.plan.reference === 'PSP-2026-0007')!;
    expect(bonfire.changesSinceLastMeeting.every((h) => h.recordedAt.startsWith('2026-10-01'))).toBe(true);
    // The open action is due on 2 November: on 5 October it is not overdue yet; the done one never is.
    expect(bonfire.overdueActions).toEqual([]);
  });

  it('knows no neighbourhood that was never defined', async () => {
    const { plans, neighbourhoods } = await partnership();
    expect(coordinationAgenda(plans, neighbourhoods, '00000000-0000-4000-8000-000000000000', '2026-11-04')).toBeNull();
  });
});
