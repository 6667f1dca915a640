import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyringPathBeside, openConfiguredKeyring } from '../../src/casebook.js';
import { ConfigurationError, loadConfig } from '../../src/config.js';
import type { EventStore } from '../../src/eventstore/event-store.js';
import type { SqlitePersonKeyring } from '../../src/eventstore/person-keyring.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-keyring-config-'));
  dirs.push(dir);
  return dir;
}

describe('where the people’s keys are kept', () => {
  it('is a file beside the embedded store by default', async () => {
    const dir = tempDir();
    const store = new SqliteEventStore({ path: join(dir, 'casebook.sqlite') });
    const keyring = openConfiguredKeyring(loadConfig({ CASEBOOK_DATA_DIR: dir }), store) as SqlitePersonKeyring;
    expect(keyring.path).toBe(join(dir, 'casebook.keyring.sqlite'));
    expect(keyringPathBeside('/var/lib/casebook/casebook.sqlite')).toBe('/var/lib/casebook/casebook.keyring.sqlite');
    keyring.close();
    await store.close();
  });

  it('is the file CASEBOOK_KEYRING_PATH names, resolved from the working directory', () => {
    const dir = tempDir();
    const config = loadConfig({ CASEBOOK_KEYRING_PATH: join(dir, 'keys', 'people.sqlite') });
    expect(config.keyringPath).toBe(join(dir, 'keys', 'people.sqlite'));
    const keyring = openConfiguredKeyring(config, { kind: 'eventstoredb' } as EventStore) as SqlitePersonKeyring;
    expect(keyring.path).toBe(join(dir, 'keys', 'people.sqlite'));
    keyring.close();
  });

  it('must be named for EventStoreDB, and says so', () => {
    expect(() => openConfiguredKeyring(loadConfig({}), { kind: 'eventstoredb' } as EventStore)).toThrow(ConfigurationError);
    expect(() => openConfiguredKeyring(loadConfig({}), { kind: 'eventstoredb' } as EventStore)).toThrow(/CASEBOOK_KEYRING_PATH/);
  });
});
