import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { commandHandlingContract } from './command-handling.contract.js';

commandHandlingContract('embedded SQLite', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'casebook-')), 'store.sqlite');
  return { store: new SqliteEventStore({ path }), reopen: async () => new SqliteEventStore({ path }) };
});
