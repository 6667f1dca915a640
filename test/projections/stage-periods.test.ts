/**
 * A plan's stages as periods, the bands of the meeting page's timeline:
 * derived from the plan's happenings, each recorded on a chosen day.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { planStreamName } from '../../src/app/plan-stream.js';
import type { PlanEvent } from '../../src/domain/plan/events.js';
import type { JsonObject } from '../../src/eventstore/event-store.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { stagePeriodsOf } from '../../src/projections/coordination-agenda.js';
import { plansProjection } from '../../src/projections/plans.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { history } from '../domain/plan/history.js';

const planId = 'a1b2c3d4-0000-4000-8000-0000000000aa';
const stores: SqliteEventStore[] = [];
const runners: ProjectionRunner[] = [];
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
  for (const s of stores.splice(0)) await s.close();
});

/** The plan after its events, each batch recorded on its day (a stage move is dated by the day it was recorded). */
async function planAfter(batches: ReadonlyArray<readonly [on: string, events: readonly PlanEvent[]]>) {
  const store = new SqliteEventStore({ path: ':memory:' });
  stores.push(store);
  for (const [on, events] of batches) {
    for (const event of events) {
      await store.append(
        planStreamName(planId),
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
  const runner = new ProjectionRunner(store, [plansProjection]);
  runners.push(runner);
  await runner.start();
  await runner.whenCaughtUp();
  return runner.model(plansProjection).plans.get(planId)!;
}

describe('stage periods', () => {
  it('runs each stage from the day the plan entered it to the day it left, the current one open', async () => {
    const scanned = history.scanned;
    const analysed = history.analysed.slice(scanned.length);
    const responding = history.responding.slice(history.analysed.length);
    const view = await planAfter([
      ['2026-09-01', scanned],
      ['2026-09-10', analysed],
      ['2026-10-01', responding],
    ]);
    expect(stagePeriodsOf(view)).toEqual([
      { stage: 'scanning', from: '2026-09-01', until: '2026-09-10' },
      { stage: 'analysis', from: '2026-09-10', until: '2026-10-01' },
      { stage: 'response', from: '2026-10-01', until: null },
    ]);
  });

  it('shows two moves on one day as the later stage from that day', async () => {
    const view = await planAfter([['2026-09-01', history.responding]]);
    expect(stagePeriodsOf(view)).toEqual([{ stage: 'response', from: '2026-09-01', until: null }]);
  });

  it('ends a closed plan on its closing day, and resumes a reopened one at the stage it was reopened at', async () => {
    const view = await planAfter([
      ['2026-09-01', history.responding],
      ['2026-10-20', history.closed.slice(history.responding.length)],
      ['2026-11-25', [{ type: 'PlanReopened', reason: 'Calls are back since the clocks went back.', reopenedOn: '2026-11-25', resumeAt: 'response' }]],
    ]);
    expect(stagePeriodsOf(view)).toEqual([
      { stage: 'response', from: '2026-09-01', until: '2026-10-20' },
      { stage: 'assessment', from: '2026-10-20', until: '2026-11-20' },
      { stage: 'closed', from: '2026-11-20', until: '2026-11-25' },
      { stage: 'response', from: '2026-11-25', until: null },
    ]);
  });
});
