import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PERSON_KEY_BYTES, PersonErased, SqlitePersonKeyring } from '../../src/eventstore/person-keyring.js';

const dirs: string[] = [];
const keyrings: SqlitePersonKeyring[] = [];

function keyringFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-keyring-'));
  dirs.push(dir);
  return join(dir, 'keyring.sqlite');
}

function open(path: string): SqlitePersonKeyring {
  const keyring = new SqlitePersonKeyring(path);
  keyrings.push(keyring);
  return keyring;
}

/** Every file SQLite keeps for the keyring: the database, its write-ahead log and shared memory. */
function bytesOnDisk(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter(existsSync).map((file) => readFileSync(file)));
}

afterEach(() => {
  for (const keyring of keyrings.splice(0)) keyring.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const alice = '0b6f7d4e-8a51-4d0c-9d8e-3f1f5c2a7b10';
const bob = '5c3e2a1b-7f6d-4e8c-9b0a-1d2e3f4a5b6c';

describe('the person keyring', () => {
  it('makes one 256-bit key per person on first use and gives the same key after a restart', () => {
    const path = keyringFile();
    const first = open(path);
    const key = first.keyFor(alice);
    expect(key).toHaveLength(PERSON_KEY_BYTES);
    expect(first.keyFor(alice).equals(key)).toBe(true);
    expect(first.keyFor(bob).equals(key)).toBe(false);
    first.close();

    const reopened = open(path);
    expect(reopened.keyOf(alice)).toEqual({ state: 'held', key });
  });

  it('tells a person never keyed from one erased', () => {
    const keyring = open(':memory:');
    expect(keyring.keyOf(alice)).toEqual({ state: 'unknown' });
    keyring.keyFor(alice);
    const at = new Date('2026-11-20T10:00:00.000Z');
    keyring.destroy(alice, at);
    expect(keyring.keyOf(alice)).toEqual({ state: 'erased', erasedAt: at });
  });

  it('never keys an erased person again, even after a restart', () => {
    const path = keyringFile();
    const keyring = open(path);
    keyring.keyFor(alice);
    keyring.destroy(alice, new Date('2026-11-20T10:00:00.000Z'));
    expect(() => keyring.keyFor(alice)).toThrow(PersonErased);
    keyring.close();
    expect(() => open(path).keyFor(alice)).toThrow(PersonErased);
  });

  it('leaves no copy of a destroyed key in the keyring’s files, while the keys it keeps are still there', () => {
    const path = keyringFile();
    const keyring = open(path);
    const erased = Buffer.from(keyring.keyFor(alice));
    const kept = Buffer.from(keyring.keyFor(bob));
    // Before: both keys are on disk (in the log or the file); the test can see a key when it is there.
    expect(bytesOnDisk(path).includes(erased)).toBe(true);

    keyring.destroy(alice, new Date('2026-11-20T10:00:00.000Z'));
    const onDisk = bytesOnDisk(path);
    expect(onDisk.includes(erased)).toBe(false);
    expect(onDisk.includes(kept)).toBe(true);
  });

  it('keeps the first erasure’s time when a person is destroyed twice', () => {
    const path = keyringFile();
    const keyring = open(path);
    keyring.keyFor(alice);
    keyring.destroy(alice, new Date('2026-11-20T10:00:00.000Z'));
    keyring.destroy(alice, new Date('2026-11-21T10:00:00.000Z'));
    keyring.close();
    expect(open(path).keyOf(alice)).toEqual({ state: 'erased', erasedAt: new Date('2026-11-20T10:00:00.000Z') });
  });
});
