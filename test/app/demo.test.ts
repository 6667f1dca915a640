import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/app/demo/load-demo.js';
import { demoAgencies } from '../../src/app/demo/partnership.js';
import { partnershipStreamName } from '../../src/app/partnership-register.js';
import { openCasebook } from '../../src/casebook.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { partnershipProjection } from '../../src/projections/partnership.js';
import { collect, newEvent } from '../support/events.js';

describe('the demo data', () => {
  it('registers the demo partnership in an empty store, through command handling, once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'casebook-demo-')), 'store.sqlite');
    const casebook = await openCasebook({ store: new SqliteEventStore({ path }) });
    try {
      expect(await loadDemoData(casebook)).toEqual({ streamsWritten: 1 });
      await casebook.projections.waitFor((await casebook.store.headPosition())!);
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
