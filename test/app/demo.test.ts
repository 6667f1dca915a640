import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/app/demo/load-demo.js';
import { demoAgencies } from '../../src/app/demo/partnership.js';
import { partnershipStreamName } from '../../src/app/partnership-register.js';
import { openCasebook } from '../../src/casebook.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { priorityWarnings } from '../../src/domain/neighbourhood/decider.js';
import { neighbourhoodsProjection } from '../../src/projections/neighbourhoods.js';
import { actionsProjection } from '../../src/projections/actions.js';
import { partnershipProjection } from '../../src/projections/partnership.js';
import { closuresAwaitingSignOff, plansProjection } from '../../src/projections/plans.js';
import { collect, newEvent } from '../support/events.js';

describe('the demo data', () => {
  it('registers the demo partnership in an empty store, through command handling, once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'casebook-demo-')), 'store.sqlite');
    const casebook = await openCasebook({ store: new SqliteEventStore({ path }), clock: () => new Date('2026-11-23T12:00:00.000Z') });
    try {
      expect(await loadDemoData(casebook)).toEqual({ streamsWritten: 15 });
      await casebook.projections.waitFor((await casebook.store.headPosition())!);

      // Plans in every stage, each through the rules of the decider.
      const plans = [...casebook.projections.model(plansProjection).plans.values()].map((v) => v.plan);
      expect(plans.map((p) => [p.reference, p.stage])).toEqual([
        ['PSP-2026-0001', 'closed'],
        ['PSP-2026-0002', 'assessment'],
        ['PSP-2026-0003', 'response'],
        ['PSP-2026-0004', 'analysis'],
        ['PSP-2026-0005', 'scanning'],
      ]);
      // A closure waiting on one unsatisfied party, to show at the co-ordination meeting.
      expect(closuresAwaitingSignOff(casebook.projections.model(plansProjection))).toMatchObject([
        { reference: 'PSP-2026-0002', signedSatisfied: ['leisure-centre'], signedUnsatisfied: [{ partyId: 'whitwood-residents' }], notSigned: [] },
      ]);
      // Partner actions, each known to its plan: done, blocked, or waiting for the council.
      const actions = [...casebook.projections.model(actionsProjection).values()].map((v) => [v.action.reference, v.action.agencyId, v.action.status]);
      expect(actions).toEqual([
        ['ACT-2026-0001', 'youth', 'done'],
        ['ACT-2026-0002', 'fire', 'done'],
        ['ACT-2026-0003', 'council', 'done'],
        ['ACT-2026-0004', 'council', 'done'],
        ['ACT-2026-0005', 'fire', 'blocked'],
        ['ACT-2026-0006', 'council', 'assigned'],
      ]);
      expect(plans.map((p) => p.actions.size)).toEqual([2, 2, 2, 0, 0]);
      const neighbourhoods = [...casebook.projections.model(neighbourhoodsProjection).values()];
      expect(neighbourhoods.map((n) => [n.state.neighbourhood!.name, n.state.current.size, priorityWarnings(n.state).length])).toEqual([
        ['Thornes', 3, 0],
        ['Castleford and Whitwood', 3, 0],
        ['Wakefield city centre', 4, 1],
      ]);
      const members = [...casebook.projections.model(partnershipProjection).current.agencies.values()];
      expect(members.map((m) => m.agencyId)).toEqual(['police', 'council', 'housing', 'fire', 'youth', 'health']);
      expect(members.find((m) => m.agencyId === 'housing')).toEqual({ agencyId: 'housing', name: 'Wakefield District Housing', leadContact: 'Amira Hussain' });
      const events = await collect(casebook.store.readStream(partnershipStreamName));
      expect(events).toHaveLength(demoAgencies.length);
      expect(events[0]!.metadata).toMatchObject({ actor: { userId: 'sarah.khan', agencyId: 'police' }, correlationId: 'demo-data' });

      // A second start finds history and writes nothing.
      expect(await loadDemoData(casebook)).toEqual({ streamsWritten: 0 });
      expect(await collect(casebook.store.readStream(partnershipStreamName))).toHaveLength(demoAgencies.length);
    } finally {
      await casebook.close();
    }
  });

  it('never touches a store that already has history', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.append('plan-00000000-0000-4000-8000-000000000001', [newEvent('PlanOpened')], { expectedRevision: 'no_stream' });
    const casebook = await openCasebook({ store });
    try {
      expect(await loadDemoData(casebook)).toEqual({ streamsWritten: 0 });
      expect(await collect(store.readStream(partnershipStreamName))).toEqual([]);
    } finally {
      await casebook.close();
    }
  });
});
