import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PersonalDataSealingStore, PersonKeyMissing, SealBroken } from '../../src/app/personal-data-sealing.js';
import { verifyStore } from '../../src/eventstore/chain.js';
import type { JsonObject } from '../../src/eventstore/event-store.js';
import { PersonErased, SqlitePersonKeyring } from '../../src/eventstore/person-keyring.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { collect, newEvent, uniqueStream } from '../support/events.js';

const dirs: string[] = [];
const closing: Array<{ close(): unknown }> = [];

afterEach(async () => {
  for (const c of closing.splice(0)) await c.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function opened(): { path: string; stored: SqliteEventStore; keyring: SqlitePersonKeyring; store: PersonalDataSealingStore } {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-sealing-'));
  dirs.push(dir);
  const path = join(dir, 'store.sqlite');
  const stored = new SqliteEventStore({ path });
  const keyring = new SqlitePersonKeyring(join(dir, 'keyring.sqlite'));
  const store = new PersonalDataSealingStore(stored, keyring);
  closing.push(store);
  return { path, stored, keyring, store };
}

const karen = '3d1c9a7e-2b4f-4c6d-8e0a-9f8b7c6d5e4f';
const victim = {
  type: 'VictimRecorded',
  person: { personId: karen, details: { name: 'Karen Ashworth', phone: '01924 555 010', address: '12 Ings Road, Wakefield' } },
  householdKey: 'UPRN:63012345',
  recordedOn: '2026-10-01',
};

describe('sealing personal data under each person’s key', () => {
  it('stores no name, contact or household key in the clear, and reads the event back as it was given', async () => {
    const { path, stored, store } = opened();
    const stream = uniqueStream('asbcase');
    await store.append(stream, [newEvent('VictimRecorded', victim), newEvent('IncidentReported', { type: 'IncidentReported', incidentId: 'i-1' })], { expectedRevision: 'no_stream' });

    const [asRead, incident] = await collect(store.readStream(stream));
    expect(asRead!.data).toEqual(victim);
    expect(incident!.data).toEqual({ type: 'IncidentReported', incidentId: 'i-1' });

    const [asWritten] = await collect(stored.readStream(stream));
    expect(asWritten!.data).toEqual({ type: 'VictimRecorded', person: { personId: karen, sealed: expect.any(String), seal: 'aes-256-gcm:1' }, recordedOn: '2026-10-01' });
    await stored.close();
    const file = readFileSync(path).toString('latin1') + readFileSync(`${path}-wal`, { flag: 'a+' }).toString('latin1');
    for (const clear of ['Karen Ashworth', '01924 555 010', 'Ings Road', 'UPRN:63012345']) expect(file).not.toContain(clear);
  });

  it('reads an erased person’s details as null and their household key as gone, everywhere, while the chain still verifies', async () => {
    const { stored, keyring, store } = opened();
    const stream = uniqueStream('asbcase');
    await store.append(stream, [newEvent('VictimRecorded', victim)], { expectedRevision: 'no_stream' });
    const before = await verifyStore(stored);

    keyring.destroy(karen, new Date('2026-11-20T10:00:00.000Z'));

    const expected = { type: 'VictimRecorded', person: { personId: karen, details: null }, recordedOn: '2026-10-01' };
    expect((await collect(store.readStream(stream)))[0]!.data).toEqual(expected);
    expect((await collect(store.readAll())).find((e) => e.streamId === stream)!.data).toEqual(expected);
    const after = await verifyStore(stored);
    expect(after.broken).toEqual([]);
    expect(after.streams).toEqual(before.streams);
  });

  it('seals the household keys a case review’s complaints copy, each under its complainant’s key', async () => {
    const { stored, keyring, store } = opened();
    const stream = uniqueStream('asbcase');
    const other = '5c3e2a1b-7f6d-4e8c-9b0a-1d2e3f4a5b6c';
    const review: { type: string; complaints: JsonObject[] } = {
      type: 'CaseReviewRequested',
      complaints: [
        { complaintId: 'ASB-2026-0001/party/1', complainantPersonId: karen, householdKey: 'UPRN:63012345', receivedBy: 'housing' },
        { complaintId: 'ASB-2026-0001/party/2', complainantPersonId: other, householdKey: 'UPRN:63012399', receivedBy: 'police' },
        { complaintId: 'ASB-2026-0001/party/3', receivedBy: 'council' },
      ],
    };
    await store.append(stream, [newEvent('CaseReviewRequested', review)], { expectedRevision: 'no_stream' });
    expect((await collect(store.readStream(stream)))[0]!.data).toEqual(review);
    const [asWritten] = await collect(stored.readStream(stream));
    expect(JSON.stringify(asWritten!.data)).not.toContain('UPRN');
    expect(asWritten!.data.complaints).toEqual([
      { complaintId: 'ASB-2026-0001/party/1', complainantPersonId: karen, sealedHouseholdKey: expect.any(String), receivedBy: 'housing' },
      { complaintId: 'ASB-2026-0001/party/2', complainantPersonId: other, sealedHouseholdKey: expect.any(String), receivedBy: 'police' },
      { complaintId: 'ASB-2026-0001/party/3', receivedBy: 'council' },
    ]);

    keyring.destroy(karen, new Date('2026-11-20T10:00:00.000Z'));
    const { householdKey: _gone, ...karensComplaint } = review.complaints[0]!;
    expect((await collect(store.readStream(stream)))[0]!.data).toEqual({ ...review, complaints: [karensComplaint, review.complaints[1], review.complaints[2]] });
  });

  it('serves no details of an erased person that were written in the clear, before sealing began', async () => {
    const { stored, keyring, store } = opened();
    const stream = uniqueStream('asbcase');
    const review = { type: 'CaseReviewRequested', complaints: [{ complaintId: 'c-1', complainantPersonId: karen, householdKey: 'UPRN:63012345' }] };
    await stored.append(stream, [newEvent('VictimRecorded', victim), newEvent('CaseReviewRequested', review)], { expectedRevision: 'no_stream' });
    expect((await collect(store.readStream(stream))).map((e) => e.data)).toEqual([victim, review]);
    keyring.keyFor(karen);
    keyring.destroy(karen, new Date('2026-11-20T10:00:00.000Z'));
    expect((await collect(store.readStream(stream))).map((e) => e.data)).toEqual([
      { type: 'VictimRecorded', person: { personId: karen, details: null }, recordedOn: '2026-10-01' },
      { type: 'CaseReviewRequested', complaints: [{ complaintId: 'c-1', complainantPersonId: karen }] },
    ]);
  });

  it('refuses a sealed value in a format it does not know', async () => {
    const { path, stored, store } = opened();
    const stream = uniqueStream('asbcase');
    await store.append(stream, [newEvent('VictimRecorded', victim)], { expectedRevision: 'no_stream' });
    await stored.close();
    const db = new Database(path);
    const row = db.prepare<[string], { position: number; data: string }>('SELECT position, data FROM events WHERE stream_id = ?').get(stream)!;
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace('aes-256-gcm:1', 'rot13:1'), row.position);
    db.close();
    const reopened = new PersonalDataSealingStore(new SqliteEventStore({ path }), new SqlitePersonKeyring(join(path, '..', 'keyring.sqlite')));
    closing.push(reopened);
    await expect(collect(reopened.readStream(stream))).rejects.toThrow(SealBroken);
  });

  it('opens events arriving on a subscription', async () => {
    const { store } = opened();
    const stream = uniqueStream('asbcase');
    await store.append(stream, [newEvent('VictimRecorded', victim)], { expectedRevision: 'no_stream' });
    const subscription = store.subscribeToAll();
    for await (const event of subscription) {
      expect(event.data).toEqual(victim);
      break;
    }
    await subscription.close();
  });

  it('refuses to record anything more about an erased person, and writes nothing', async () => {
    const { stored, keyring, store } = opened();
    keyring.keyFor(karen);
    keyring.destroy(karen, new Date('2026-11-20T10:00:00.000Z'));
    const stream = uniqueStream('asbcase');
    await expect(store.append(stream, [newEvent('VictimRecorded', victim)], { expectedRevision: 'no_stream' })).rejects.toThrow(PersonErased);
    expect(await stored.headPosition()).toBeNull();
  });

  it('refuses to open a sealed value moved to another event in the file', async () => {
    const { path, stored, store } = opened();
    const stream = uniqueStream('asbcase');
    await store.append(stream, [newEvent('VictimRecorded', victim), newEvent('VictimRecorded', { ...victim, recordedOn: '2026-10-02' })], { expectedRevision: 'no_stream' });
    await stored.close();
    const db = new Database(path);
    const [first, second] = db.prepare<[string], { position: number; data: string }>('SELECT position, data FROM events WHERE stream_id = ? ORDER BY revision').all(stream);
    // The first event's sealed value copied over the second's: a valid ciphertext, in the wrong place.
    const moved = JSON.parse(second!.data) as { person: { sealed: string } };
    moved.person.sealed = (JSON.parse(first!.data) as { person: { sealed: string } }).person.sealed;
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(moved), second!.position);
    db.close();

    const reopened = new PersonalDataSealingStore(new SqliteEventStore({ path }), new SqlitePersonKeyring(join(path, '..', 'keyring.sqlite')));
    closing.push(reopened);
    const read = collect(reopened.readStream(stream));
    await expect(read).rejects.toThrow(SealBroken);
  });

  it('says so when the keyring is not the one the store was written with', async () => {
    const { stored, store } = opened();
    const stream = uniqueStream('asbcase');
    await store.append(stream, [newEvent('VictimRecorded', victim)], { expectedRevision: 'no_stream' });
    const strangers = new PersonalDataSealingStore(stored, new SqlitePersonKeyring(':memory:'));
    await expect(collect(strangers.readStream(stream))).rejects.toThrow(PersonKeyMissing);
  });
});
