import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPersonId } from '../../src/app/demo/cases.js';
import { loadDemoData } from '../../src/app/demo/load-demo.js';
import { dataProtectionStream, personRecordStreamName } from '../../src/app/person-data-protection.js';
import { openCasebook } from '../../src/casebook.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const now = new Date('2026-11-23T12:00:00.000Z');
const karen = demoPersonId('karen-ashworth');

describe('an erasure recorded by a Casebook that stopped before destroying the key', () => {
  it('is finished when Casebook next starts: the key is destroyed and the victim reads as erased', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-erasure-'));
    dirs.push(dir);
    const path = join(dir, 'casebook.sqlite');

    const first = await openCasebook({ store: new SqliteEventStore({ path }), clock: () => now });
    await loadDemoData(first);
    // The erasure's record, written as `erasePerson` writes it, and then the process stops: the key survives.
    await first.commands.handle(
      dataProtectionStream,
      personRecordStreamName(karen),
      { type: 'ErasePerson', personId: karen, ground: 'subject-request', reason: 'Asked in writing; nothing requires the data to be kept.' },
      { actor: { userId: 'rachel.okafor', agencyId: 'police', roles: ['supervisor'] }, correlationId: 'erasure-before-a-crash' },
    );
    expect(first.keyring.keyOf(karen).state).toBe('held');
    await first.close();

    const second = await openCasebook({ store: new SqliteEventStore({ path }), clock: () => now });
    try {
      expect(await second.erasuresFinished).toBe(1);
      expect(second.keyring.keyOf(karen)).toEqual({ state: 'erased', erasedAt: now });
      const victimRecorded = [];
      for await (const event of second.store.readAll()) if (event.type === 'VictimRecorded' && (event.data.person as { personId: string }).personId === karen) victimRecorded.push(event.data.person);
      expect(victimRecorded).toEqual([{ personId: karen, details: null }]);
    } finally {
      await second.close();
    }
  });
});
