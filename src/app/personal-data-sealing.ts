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

/** An opened value of a person who has been erased: there is nothing to open. */
const ERASED = Symbol('erased');

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
      const sealed = this.sealFor(stream, event.id, found.personId, 'person', typeof householdKey === 'string' ? { details, householdKey } : { details });
      data = { ...others, person: { ...rest, sealed, seal: SEAL_FORMAT } };
    }
    return data === event.data ? event : { ...event, data };
  }

  /** A value sealed under the person's key, bound to its stream, event, person and place in the event. */
  private sealFor(streamId: string, eventId: string, personId: string, place: string, value: unknown): string {
    return sealJson(this.keyring.keyFor(personId), boundTo(streamId, eventId, personId, place), value);
  }

  /**
   * A sealed value opened with the person's key: `ERASED` once the key is
   * destroyed. A value that will not open (altered), or a key never held (the
   * wrong keyring), is refused; `accept` says whether what opened has the
   * shape the place holds.
   */
  private openFor(event: RecordedEvent, personId: string, place: string, sealed: string, accept: (opened: unknown) => boolean): unknown {
    const key = this.keyring.keyOf(personId);
    if (key.state === 'unknown') throw new PersonKeyMissing(event.streamId, personId);
    if (key.state === 'erased') return ERASED;
    const opened = openJson(key.key, boundTo(event.streamId, event.id, personId, place), sealed);
    if (opened === null || !accept(opened)) throw new SealBroken(event.streamId, event.id, personId);
    return opened;
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
      return { ...rest, sealedHouseholdKey: this.sealFor(stream, eventId, complaint.complainantPersonId, `complaint:${String(complaint.complaintId)}`, householdKey) };
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
      const sealed = this.sealFor(stream, eventId, party.personId, `raiser:${String(party.partyId)}`, contact === undefined ? { name } : { name, contact });
      return { ...rest, sealed, seal: SEAL_FORMAT };
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
      const opened = this.openFor(event, personId, `raiser:${String(party.partyId)}`, sealed, (o) => isObject(o as JsonValue) && typeof (o as JsonObject).name === 'string');
      return opened === ERASED ? { ...rest, name: null } : { ...rest, ...(opened as JsonObject) };
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
      const householdKey = this.openFor(event, personId, `complaint:${String(complaint.complaintId)}`, sealedHouseholdKey, (o) => typeof o === 'string');
      return householdKey === ERASED ? rest : { ...rest, householdKey: householdKey as string };
    });
    return changed ? { ...data, complaints } : data;
  }

  /** The event as the application reads it. An event with nothing sealed is passed through untouched. */
  open(event: RecordedEvent): RecordedEvent {
    const data = this.openRaisers(event, this.openComplaints(event, event.data));
    const found = carried(data);
    if (!found || typeof found.person.sealed !== 'string') {
      // Details written in the clear (before sealing began) cannot be shredded, but an erased person's are still not served.
      if (found && found.person.details !== null && this.keyring.keyOf(found.personId).state === 'erased') {
        const { householdKey: _erased, ...others } = data;
        return { ...event, data: { ...others, person: { ...found.person, details: null } } };
      }
      return data === event.data ? event : { ...event, data };
    }
    const { sealed, seal, ...rest } = found.person;
    if (seal !== SEAL_FORMAT) throw new SealBroken(event.streamId, event.id, found.personId);
    const opened = this.openFor(event, found.personId, 'person', sealed, (o) => isObject(o as JsonValue) && isObject((o as JsonObject).details));
    if (opened === ERASED) return { ...event, data: { ...data, person: { ...rest, details: null } } };
    const personal = opened as { details: JsonObject; householdKey?: string };
    return { ...event, data: { ...data, person: { ...rest, details: personal.details }, ...(personal.householdKey !== undefined ? { householdKey: personal.householdKey } : {}) } };
  }
}
