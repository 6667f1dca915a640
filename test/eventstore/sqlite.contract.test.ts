import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/sqlite.js';
import { eventStoreContract } from './contract.js';

eventStoreContract('embedded SQLite (file)', async () => new SqliteEventStore({ path: join(mkdtempSync(join(tmpdir(), 'casebook-')), 'store.sqlite') }));
eventStoreContract('embedded SQLite (:memory:)', async () => new SqliteEventStore({ path: ':memory:' }));
