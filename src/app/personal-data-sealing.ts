/**
 * Seals the personal data in events as they are appended, and opens it as
 * they are read, each person's under their own key (eventstore/person-keyring.ts).
 *
 * The convention it relies on is the domain's (asb-case/personal-data.ts): an
 * event carries at most one person's data, in its top-level `person` field, as
 * `{ personId, details }`, and the key of their household, if any, beside it
 * in `householdKey` (an address is personal data too). Stored, that becomes
 * `person: { personId, sealed, seal }` with no `householdKey`: AES-256-GCM
 * over both, bound to the stream, the event and the person, so a sealed value
 * cannot be moved to another event and still open. The hash chain is computed
 * over the sealed form, so it verifies whether or not the key still exists.
 *
 * Read back, the event has its domain shape again: `details` the person's
 * details and `householdKey` theirs, or, once the person is erased (their key
 * destroyed), `details` null and no household key. Everything above the store
 * (deciders, read models, API) sees only that shape.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  JsonObject,
  JsonValue,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../eventstore/event-store.js';
import type { PersonKeyring } from '../eventstore/person-keyring.js';

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The version of the sealed form, written with it, so that a later cipher can be told apart. */
const SEAL_FORMAT = 'aes-256-gcm:1';

/** A sealed value that fails to open under its own key was altered: the store was tampered with. */
export class SealBroken extends Error {
  override readonly name = 'SealBroken';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    readonly personId: string,
  ) {
    super(`The sealed personal data of person ${personId} in event ${eventId} of ${streamId} does not open under their key: it was altered after it was written.`);
  }
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Data sealed under a key the keyring never held: the store and the keyring do not belong together. */
export class PersonKeyMissing extends Error {
  override readonly name = 'PersonKeyMissing';
  constructor(
    readonly streamId: string,
    readonly personId: string,
  ) {
    super(`No key was ever held for person ${personId}, whose data ${streamId} carries sealed: is this the keyring the store was written with?`);
  }
}

/** The person an event carries, as written (details in the clear) or as stored (sealed). */
function carried(data: JsonObject): { personId: string; person: JsonObject } | null {
  const person = data.person;
  if (!isObject(person) || typeof person.personId !== 'string') return null;
  return { personId: person.personId, person };
}

function boundTo(streamId: string, eventId: string, personId: string): Buffer {
  return Buffer.from(JSON.stringify([streamId, eventId, personId]), 'utf8');
}

/** What is sealed: the details, and the household key where the event has one. */
export interface SealedPersonalData {
  readonly details: JsonObject;
  readonly householdKey?: string;
}

export function sealPersonalData(key: Buffer, streamId: string, eventId: string, personId: string, personal: SealedPersonalData): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(boundTo(streamId, eventId, personId));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(personal), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64');
}

/** What was sealed, or null if the sealed value does not open under this key. */
export function openPersonalData(key: Buffer, streamId: string, eventId: string, personId: string, sealed: string): SealedPersonalData | null {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(CIPHER, key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(boundTo(streamId, eventId, personId));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const clear = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    return JSON.parse(clear.toString('utf8')) as SealedPersonalData;
  } catch {
    return null;
  }
}

/** Whether an event, as stored, carries a person's sealed data. */
export function sealedPersonOf(data: JsonObject): { personId: string; sealed: string } | null {
  const found = carried(data);
  return found && typeof found.person.sealed === 'string' ? { personId: found.personId, sealed: found.person.sealed } : null;
}

/**
 * The event store the application uses: the same port, with each person's
 * data sealed on the way in and opened on the way out. `stored` is the store
 * beneath, as written, for what must see exactly the bytes the chain covers
 * (verification and export).
 */
export class PersonalDataSealingStore implements EventStore {
  constructor(
    readonly stored: EventStore,
    readonly keyring: PersonKeyring,
  ) {}

  get kind(): EventStore['kind'] {
    return this.stored.kind;
  }

  append(stream: string, events: readonly NewEvent[], opts: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    let sealedEvents: NewEvent[];
    try {
      sealedEvents = events.map((event) => this.seal(stream, event));
    } catch (error) {
      return Promise.reject(error);
    }
    return this.stored.append(stream, sealedEvents, opts);
  }

  async *readStream(stream: string, opts?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.stored.readStream(stream, opts)) yield this.open(event);
  }

  async *readAll(opts?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.stored.readAll(opts)) yield this.open(event);
  }

  subscribeToAll(opts?: SubscribeOptions): Subscription {
    const inner = this.stored.subscribeToAll(opts);
    const open = (event: RecordedEvent) => this.open(event);
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield open(event);
      },
    };
  }

  headPosition(): Promise<Position | null> {
    return this.stored.headPosition();
  }

  async close(): Promise<void> {
    this.keyring.close();
    await this.stored.close();
  }

  private seal(stream: string, event: NewEvent): NewEvent {
    const found = carried(event.data);
    if (!found || !isObject(found.person.details)) return event;
    const { details, ...rest } = found.person;
    const { householdKey, ...data } = event.data;
    const personal: SealedPersonalData = typeof householdKey === 'string' ? { details, householdKey } : { details };
    const sealed = sealPersonalData(this.keyring.keyFor(found.personId), stream, event.id, found.personId, personal);
    return { ...event, data: { ...data, person: { ...rest, sealed, seal: SEAL_FORMAT } } };
  }

  /** The event as the application reads it. An event with no sealed person is passed through untouched. */
  open(event: RecordedEvent): RecordedEvent {
    const found = sealedPersonOf(event.data);
    if (!found) return event;
    const { sealed: _sealed, seal: _format, ...rest } = carried(event.data)!.person;
    const key = this.keyring.keyOf(found.personId);
    if (key.state === 'unknown') throw new PersonKeyMissing(event.streamId, found.personId);
    if (key.state === 'erased') return { ...event, data: { ...event.data, person: { ...rest, details: null } } };
    const personal = openPersonalData(key.key, event.streamId, event.id, found.personId, found.sealed);
    if (personal === null) throw new SealBroken(event.streamId, event.id, found.personId);
    return { ...event, data: { ...event.data, person: { ...rest, details: personal.details }, ...(personal.householdKey !== undefined ? { householdKey: personal.householdKey } : {}) } };
  }
}
