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
 * A case review's complaints carry copies of complainants' household keys:
 * each is sealed the same way, under its complainant's key, in
 * `sealedHouseholdKey`.
 *
 * Read back, the event has its domain shape again: `details` the person's
 * details and `householdKey` theirs, or, once the person is erased (their key
 * destroyed), `details` null and no household key, in the complaints too.
 * Everything above the store (deciders, read models, API) sees only that shape.
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

/** What a sealed value is bound to: its stream, its event, its person, and its place in the event (`person`, or a complaint's id). */
function boundTo(streamId: string, eventId: string, personId: string, place: string): Buffer {
  return Buffer.from(JSON.stringify([streamId, eventId, personId, place]), 'utf8');
}

function sealJson(key: Buffer, bound: Buffer, value: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(bound);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64');
}

function openJson(key: Buffer, bound: Buffer, sealed: string): unknown {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(CIPHER, key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(bound);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const clear = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    return JSON.parse(clear.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

/** What is sealed: the details, and the household key where the event has one. */
export interface SealedPersonalData {
  readonly details: JsonObject;
  readonly householdKey?: string;
}

export function sealPersonalData(key: Buffer, streamId: string, eventId: string, personId: string, personal: SealedPersonalData): string {
  return sealJson(key, boundTo(streamId, eventId, personId, 'person'), personal);
}

/** What was sealed, or null if the sealed value does not open under this key. */
export function openPersonalData(key: Buffer, streamId: string, eventId: string, personId: string, sealed: string): SealedPersonalData | null {
  const opened = openJson(key, boundTo(streamId, eventId, personId, 'person'), sealed);
  return isObject(opened as JsonValue) && isObject((opened as JsonObject).details) ? (opened as unknown as SealedPersonalData) : null;
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
    let data = this.sealRaisers(stream, event.id, this.sealComplaints(stream, event.id, event.data));
    const found = carried(data);
    if (found && isObject(found.person.details)) {
      const { details, ...rest } = found.person;
      const { householdKey, ...others } = data;
      const personal: SealedPersonalData = typeof householdKey === 'string' ? { details, householdKey } : { details };
      const sealed = sealPersonalData(this.keyring.keyFor(found.personId), stream, event.id, found.personId, personal);
      data = { ...others, person: { ...rest, sealed, seal: SEAL_FORMAT } };
    }
    return data === event.data ? event : { ...event, data };
  }

  /**
   * A case review's complaints carry copies of each complainant's household
   * key (the household route counts them): each is sealed under its
   * complainant's key, so that erasing the complainant takes these copies too.
   */
  private sealComplaints(stream: string, eventId: string, data: JsonObject): JsonObject {
    if (!Array.isArray(data.complaints)) return data;
    let changed = false;
    const complaints = data.complaints.map((complaint) => {
      if (!isObject(complaint) || typeof complaint.complainantPersonId !== 'string' || typeof complaint.householdKey !== 'string') return complaint;
      changed = true;
      const { householdKey, ...rest } = complaint;
      const bound = boundTo(stream, eventId, complaint.complainantPersonId, `complaint:${String(complaint.complaintId)}`);
      return { ...rest, sealedHouseholdKey: sealJson(this.keyring.keyFor(complaint.complainantPersonId), bound, householdKey) };
    });
    return changed ? { ...data, complaints } : data;
  }

  /**
   * A plan's residents (in `raisedBy` when it opens, `party` when one is
   * added) carry a person id: each one's name and contact are sealed under it.
   */
  private sealRaisers(stream: string, eventId: string, data: JsonObject): JsonObject {
    const sealParty = (party: JsonValue): JsonValue => {
      if (!isObject(party) || typeof party.personId !== 'string' || typeof party.name !== 'string') return party;
      const { name, contact, ...rest } = party;
      const bound = boundTo(stream, eventId, party.personId, `raiser:${String(party.partyId)}`);
      return { ...rest, sealed: sealJson(this.keyring.keyFor(party.personId), bound, contact === undefined ? { name } : { name, contact }), seal: SEAL_FORMAT };
    };
    if (Array.isArray(data.raisedBy) && data.raisedBy.some((p) => isObject(p) && typeof p.personId === 'string')) return { ...data, raisedBy: data.raisedBy.map(sealParty) };
    if (isObject(data.party) && typeof data.party.personId === 'string') return { ...data, party: sealParty(data.party) };
    return data;
  }

  private openRaisers(event: RecordedEvent, data: JsonObject): JsonObject {
    const openParty = (party: JsonValue): JsonValue => {
      if (!isObject(party) || typeof party.personId !== 'string') return party;
      const personId = party.personId;
      if (typeof party.sealed !== 'string') {
        // Written in the clear (before sealing began): an erased resident's name and contact are still not served.
        if (this.keyring.keyOf(personId).state !== 'erased') return party;
        const { contact: _contact, ...rest } = party;
        return { ...rest, name: null };
      }
      const { sealed, seal, ...rest } = party;
      if (seal !== SEAL_FORMAT) throw new SealBroken(event.streamId, event.id, personId);
      const key = this.keyring.keyOf(personId);
      if (key.state === 'unknown') throw new PersonKeyMissing(event.streamId, personId);
      if (key.state === 'erased') return { ...rest, name: null };
      const opened = openJson(key.key, boundTo(event.streamId, event.id, personId, `raiser:${String(party.partyId)}`), sealed);
      if (!isObject(opened as JsonValue) || typeof (opened as JsonObject).name !== 'string') throw new SealBroken(event.streamId, event.id, personId);
      return { ...rest, ...(opened as JsonObject) };
    };
    if (Array.isArray(data.raisedBy) && data.raisedBy.some((p) => isObject(p) && typeof p.personId === 'string')) return { ...data, raisedBy: data.raisedBy.map(openParty) };
    if (isObject(data.party) && typeof data.party.personId === 'string') return { ...data, party: openParty(data.party) };
    return data;
  }

  private openComplaints(event: RecordedEvent, data: JsonObject): JsonObject {
    if (!Array.isArray(data.complaints)) return data;
    let changed = false;
    const complaints = data.complaints.map((complaint) => {
      if (!isObject(complaint) || typeof complaint.complainantPersonId !== 'string') return complaint;
      const personId = complaint.complainantPersonId;
      if (typeof complaint.sealedHouseholdKey !== 'string') {
        // Written in the clear (before sealing began): an erased complainant's copy is still not served.
        if (!('householdKey' in complaint) || this.keyring.keyOf(personId).state !== 'erased') return complaint;
        changed = true;
        const { householdKey: _erased, ...rest } = complaint;
        return rest;
      }
      changed = true;
      const { sealedHouseholdKey, ...rest } = complaint;
      const key = this.keyring.keyOf(personId);
      if (key.state === 'unknown') throw new PersonKeyMissing(event.streamId, personId);
      if (key.state === 'erased') return rest;
      const householdKey = openJson(key.key, boundTo(event.streamId, event.id, personId, `complaint:${String(complaint.complaintId)}`), sealedHouseholdKey);
      if (typeof householdKey !== 'string') throw new SealBroken(event.streamId, event.id, personId);
      return { ...rest, householdKey };
    });
    return changed ? { ...data, complaints } : data;
  }

  /** The event as the application reads it. An event with nothing sealed is passed through untouched. */
  open(event: RecordedEvent): RecordedEvent {
    const data = this.openRaisers(event, this.openComplaints(event, event.data));
    const found = sealedPersonOf(data);
    if (!found) {
      const clear = carried(data);
      // Details written in the clear (before sealing began) cannot be shredded, but an erased person's are still not served.
      if (clear && clear.person.details !== null && this.keyring.keyOf(clear.personId).state === 'erased') {
        const { householdKey: _erased, ...others } = data;
        return { ...event, data: { ...others, person: { ...clear.person, details: null } } };
      }
      return data === event.data ? event : { ...event, data };
    }
    const { sealed: _sealed, seal: format, ...rest } = carried(data)!.person;
    if (format !== SEAL_FORMAT) throw new SealBroken(event.streamId, event.id, found.personId);
    const key = this.keyring.keyOf(found.personId);
    if (key.state === 'unknown') throw new PersonKeyMissing(event.streamId, found.personId);
    if (key.state === 'erased') return { ...event, data: { ...data, person: { ...rest, details: null } } };
    const personal = openPersonalData(key.key, event.streamId, event.id, found.personId, found.sealed);
    if (personal === null) throw new SealBroken(event.streamId, event.id, found.personId);
    return { ...event, data: { ...data, person: { ...rest, details: personal.details }, ...(personal.householdKey !== undefined ? { householdKey: personal.householdKey } : {}) } };
  }
}
