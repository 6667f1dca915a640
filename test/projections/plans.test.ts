/**
 * The plan read models over real recorded events: the Thornes Park bonfire
 * plan of the domain tests, and two more plans to search among.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { planStreamName } from '../../src/app/plan-stream.js';
import type { PlanEvent } from '../../src/domain/plan/events.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import type { JsonObject } from '../../src/eventstore/event-store.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { closuresAwaitingSignOff, findPlans, planOwners, plansProjection, resultsByObjective, timelineOf } from '../../src/projections/plans.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { history, sarah } from '../domain/plan/history.js';

const thornesPark = 'a1b2c3d4-0000-4000-8000-000000000001';
const fryston = 'a1b2c3d4-0000-4000-8000-000000000002';
const poplar = 'a1b2c3d4-0000-4000-8000-000000000003';
const whitwood = '9c8b7a6d-0000-4000-8000-00000000000a';

const stores: SqliteEventStore[] = [];
const runners: ProjectionRunner[] = [];
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
  for (const s of stores.splice(0)) await s.close();
});

/** Writes each event as its own append, recorded on the given day by the given person, as command handling would. */
async function record(store: SqliteEventStore, planId: string, events: PlanEvent[], on: string, actor: Actor = sarah): Promise<void> {
  let revision: bigint | 'no_stream' = 'no_stream';
  const existing = [];
  for await (const e of store.readStream(planStreamName(planId))) existing.push(e);
  if (existing.length > 0) revision = existing.at(-1)!.revision;
  for (const event of events) {
    const result = await store.append(
      planStreamName(planId),
      [
        {
          id: randomUUID(),
          type: event.type,
          data: event as unknown as JsonObject,
          metadata: { actor: { userId: actor.userId, agencyId: actor.agencyId, roles: [...actor.roles] }, correlationId: 'test', causationId: 'test', occurredAt: `${on}T10:00:00.000Z`, schemaVersion: 1 },
        },
      ],
      { expectedRevision: revision },
    );
    revision = result.nextRevision;
  }
}

function opening(reference: string, title: string, neighbourhoodId: string, description?: string): PlanEvent {
  return { type: 'PlanOpened', reference, title, neighbourhoodId, raisedBy: [{ partyId: 'residents', name: 'Residents', kind: 'resident' }], openedOn: '2026-10-01', ...(description ? { description } : {}) };
}

async function partnership() {
  const store = new SqliteEventStore({ path: ':memory:' });
  stores.push(store);
  await record(store, thornesPark, history.signed, '2026-11-19');
  await record(store, fryston, [
    opening('PSP-2026-0008', 'Off-road motorbikes in Fryston woods', whitwood, 'Bikes ridden on footpaths and through the woods at weekends.'),
    { type: 'PlanOwnerAssigned', owner: { name: 'Megan Lloyd', agencyId: 'council' } },
    { type: 'PlanPartnerAdded', representative: { name: 'Station Manager Tom Reilly', agencyId: 'fire' } },
    { type: 'ReviewScheduled', reviewId: 'first', dueOn: '2026-11-01' },
  ], '2026-10-02');
  await record(store, poplar, [opening('PSP-2026-0009', 'Drug dealing from Poplar Avenue flats', whitwood)], '2026-10-03');
  const runner = new ProjectionRunner(store, [plansProjection]);
  runners.push(runner);
  await runner.start();
  await runner.whenCaughtUp();
  return { store, runner, directory: runner.model(plansProjection) };
}

describe('the plan directory', () => {
  it('holds each plan as its events leave it, found by reference', async () => {
    const { directory } = await partnership();
    const view = directory.plans.get(thornesPark)!;
    expect(view).toMatchObject({ planId: thornesPark, streamId: `plan-${thornesPark}`, revision: BigInt(history.signed.length - 1), openedByAgency: 'police' });
    expect(view.plan).toMatchObject({ reference: 'PSP-2026-0007', stage: 'assessment', owner: { name: 'Grace Mensah', agencyId: 'youth' } });
    expect(directory.byReference.get('PSP-2026-0009')).toBe(poplar);
  });

  it('tells the plan’s story by day: stage changes, actions due and done, measurements, results, sign-offs', async () => {
    const { directory } = await partnership();
    const timeline = timelineOf(directory.plans.get(thornesPark)!);
    expect(timeline.map((h) => [h.on, h.kind])).toEqual([
      ['2026-09-01', 'opened'],
      ['2026-10-30', 'action-due'],
      ['2026-10-30', 'action-outcome'],
      ['2026-11-10', 'measurement'],
      ['2026-11-15', 'results'],
      ['2026-11-16', 'closure-proposed'],
      ['2026-11-18', 'sign-off'],
      ['2026-11-19', 'owner'],
      ['2026-11-19', 'scanning'],
      ['2026-11-19', 'stage'],
      ['2026-11-19', 'analysis'],
      ['2026-11-19', 'objective'],
      ['2026-11-19', 'stage'],
      ['2026-11-19', 'stage'],
      ['2026-11-19', 'sign-off'],
    ]);
    expect(timeline.find((h) => h.kind === 'measurement')!.summary).toBe('Measured ASB calls to police, 20 October to 6 November: 19 (comparison area 41)');
    expect(timeline.filter((h) => h.kind === 'sign-off').map((h) => h.summary)).toEqual([
      'Thornes Park Residents’ Association signed off, satisfied: A much quieter year.',
      'Cllr Nadia Ahmed signed off, satisfied: Keep the Friday events next year.',
    ]);
    expect(timeline.find((h) => h.kind === 'results')!.summary).toBe('Results analysis concluded: 1 of 1 objective met');
  });

  it('finds plans by neighbourhood, stage, owner and partner agency, overdue review and words', async () => {
    const { directory } = await partnership();
    const refs = (filter: Parameters<typeof findPlans>[1]) => findPlans(directory, filter, '2026-11-23').map((v) => v.plan.reference);
    expect(refs({})).toEqual(['PSP-2026-0007', 'PSP-2026-0009', 'PSP-2026-0008']);
    expect(refs({ neighbourhoodId: whitwood })).toEqual(['PSP-2026-0009', 'PSP-2026-0008']);
    expect(refs({ stage: 'assessment' })).toEqual(['PSP-2026-0007']);
    expect(refs({ ownerAgency: 'council' })).toEqual(['PSP-2026-0008']);
    expect(refs({ partnerAgency: 'fire' })).toEqual(['PSP-2026-0008']);
    expect(refs({ reviewOverdue: true })).toEqual(['PSP-2026-0008']);
    expect(refs({ text: 'WOODS motorbikes' })).toEqual(['PSP-2026-0008']);
    expect(refs({ text: 'footpaths' })).toEqual(['PSP-2026-0008']);
    expect(refs({ text: 'bonfire woods' })).toEqual([]);
    expect(findPlans(directory, { reviewOverdue: true }, '2026-11-01')).toEqual([]);
  });

  it('sets each objective’s latest measurement against its baseline and target', async () => {
    const { directory } = await partnership();
    expect(resultsByObjective(directory.plans.get(thornesPark)!.plan)).toEqual([
      {
        objectiveId: 'fewer-calls',
        statement: 'Reduce firework ASB calls around the park',
        measure: 'ASB calls to police, 20 October to 6 November',
        baseline: 48,
        target: 24,
        latest: { value: 19, measuredOn: '2026-11-10', comparisonAreaValue: 41 },
        changePercent: -60.4,
        met: true,
        concluded: true,
      },
    ]);
  });

  it('lists closures waiting, with who has signed and who has not', async () => {
    const { store, runner, directory } = await partnership();
    expect(closuresAwaitingSignOff(directory)).toEqual([
      {
        planId: thornesPark,
        reference: 'PSP-2026-0007',
        justification: 'Calls halved and the residents report a quiet bonfire night.',
        proposedOn: '2026-11-16',
        blockers: [],
        signedSatisfied: ['thornes-tra', 'cllr-ahmed'],
        signedUnsatisfied: [],
        notSigned: [],
      },
    ]);
    await record(store, thornesPark, history.closed.slice(-1), '2026-11-20');
    await runner.waitFor((await store.headPosition())!);
    expect(closuresAwaitingSignOff(directory)).toEqual([]);
  });

  it('counts the open plans each named owner holds, by stage, with overdue reviews', async () => {
    const { directory } = await partnership();
    expect(planOwners(directory, '2026-11-23')).toEqual([
      { ownerName: 'Megan Lloyd', agencyOrGroup: 'council', plansOwned: 1, byStage: { scanning: 1 }, reviewsOverdue: 1 },
      { ownerName: 'Grace Mensah', agencyOrGroup: 'youth', plansOwned: 1, byStage: { assessment: 1 }, reviewsOverdue: 0 },
    ]);
    expect(planOwners(directory, '2026-11-23', 'youth').map((l) => l.ownerName)).toEqual(['Grace Mensah']);
  });

  it('is the same rebuilt from zero as built live', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    stores.push(store);
    const live = new ProjectionRunner(store, [plansProjection]);
    runners.push(live);
    await live.start();
    // Written while the live runner follows: it builds as the events arrive.
    await record(store, thornesPark, history.signed, '2026-11-19');
    await record(store, fryston, [opening('PSP-2026-0008', 'Off-road motorbikes in Fryston woods', whitwood)], '2026-10-02');
    await live.waitFor((await store.headPosition())!);
    const directory = live.model(plansProjection);
    expect(directory.plans.size).toBe(2);
    const rebuilt = new ProjectionRunner(store, [plansProjection]);
    runners.push(rebuilt);
    await rebuilt.start();
    await rebuilt.whenCaughtUp();
    expect(rebuilt.model(plansProjection)).toEqual(directory);
  });
});
