/**
 * The keys personal data is sealed under: one per person (crypto-shredding).
 *
 * The event store is append-only, and its hash chain proves nothing was taken
 * out; so a person is erased not by removing their events but by destroying
 * their key. Every event that carried their details still holds the same
 * ciphertext, still hashes the same, and can no longer be opened by anyone.
 *
 * The keys live apart from the events, in a store of their own, so that the
 * events can be copied, backed up and exported without the means to read
 * them, and so that destroying a key is a real deletion (the event store
 * never deletes).
 */
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** AES-256: 32 bytes. */
export const PERSON_KEY_BYTES = 32;

/** A person's key: held, erased (destroyed, for ever), or never made. */
export type PersonKey = { readonly state: 'held'; readonly key: Buffer } | { readonly state: 'erased'; readonly erasedAt: Date } | { readonly state: 'unknown' };

export class PersonErased extends Error {
  override readonly name = 'PersonErased';
  constructor(readonly personId: string) {
    super(`Person ${personId} has been erased: their key is destroyed, and nothing more can be recorded under it.`);
  }
}

export interface PersonKeyring {
  /** The person's key, made on first use. Refuses a person already erased: their id is never keyed again. */
  keyFor(personId: string): Buffer;
  /** The person's key as it stands, for reading. */
  keyOf(personId: string): PersonKey;
  /** Destroys the key, so that nothing sealed under it can be read again. Idempotent. */
  destroy(personId: string, erasedAt: Date): void;
  close(): void;
}

interface KeyRow {
  key: Buffer | null;
  erased_at: number | null;
}

/**
 * The keyring in a SQLite file of its own. A destroyed key is overwritten in
 * place (`secure_delete`) and the write-ahead log is truncated at once, so
 * no copy of it is left in the file or beside it.
 */
export class SqlitePersonKeyring implements PersonKeyring {
  private readonly db: Database.Database;
  private readonly statements;
  /** Keys are read far more often than made: every event that carries a person is opened with one. */
  private readonly known = new Map<string, PersonKey>();

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS person_keys (person_id TEXT PRIMARY KEY, key BLOB, created_at INTEGER NOT NULL, erased_at INTEGER, CHECK ((key IS NULL) = (erased_at IS NOT NULL))) STRICT',
    );
    this.statements = {
      read: this.db.prepare<[string], KeyRow>('SELECT key, erased_at FROM person_keys WHERE person_id = ?'),
      // A race between two writers making the same person's first key: the first one wins, the other reads it back.
      insert: this.db.prepare('INSERT INTO person_keys (person_id, key, created_at) VALUES (?, ?, ?) ON CONFLICT (person_id) DO NOTHING'),
      destroy: this.db.prepare('INSERT INTO person_keys (person_id, key, created_at, erased_at) VALUES (?, NULL, ?, ?) ON CONFLICT (person_id) DO UPDATE SET key = NULL, erased_at = COALESCE(erased_at, excluded.erased_at)'),
    };
  }

  keyFor(personId: string): Buffer {
    const known = this.keyOf(personId);
    if (known.state === 'held') return known.key;
    if (known.state === 'erased') throw new PersonErased(personId);
    this.statements.insert.run(personId, randomBytes(PERSON_KEY_BYTES), Date.now());
    this.known.delete(personId);
    const made = this.keyOf(personId);
    if (made.state !== 'held') throw new PersonErased(personId);
    return made.key;
  }

  keyOf(personId: string): PersonKey {
    const cached = this.known.get(personId);
    if (cached) return cached;
    const row = this.statements.read.get(personId);
    const key: PersonKey = !row ? { state: 'unknown' } : row.key ? { state: 'held', key: row.key } : { state: 'erased', erasedAt: new Date(row.erased_at ?? 0) };
    // An unknown person may be keyed by another process at any moment: only what cannot change is remembered.
    if (key.state !== 'unknown') this.known.set(personId, key);
    return key;
  }

  destroy(personId: string, erasedAt: Date): void {
    this.statements.destroy.run(personId, erasedAt.getTime(), erasedAt.getTime());
    const held = this.known.get(personId);
    if (held?.state === 'held') held.key.fill(0);
    this.known.set(personId, { state: 'erased', erasedAt });
    // The page that held the key is in the log until a checkpoint copies it over the file; truncating leaves no copy.
    // Only a reader in another connection can hold the log (Casebook has none): then the erasure is not finished, and says so.
    const [checkpoint] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (checkpoint && checkpoint.busy !== 0) throw new Error(`The keyring ${this.path} is in use by another process: the destroyed key of ${personId} may still be in its write-ahead log. Stop the other process and erase again.`);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
