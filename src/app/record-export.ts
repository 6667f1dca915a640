/**
 * `casebook export <reference>`: one plan's, ASB case's or action's whole
 * history as one JSON document, with its hash chain and how each hash is made,
 * so that an auditor can check it with their own tools and without Casebook
 * (README.md, "Check that nothing was altered").
 *
 * The document is the whole record, personal data included: the victims,
 * witnesses and subjects of an ASB case, a resident who raised a plan. The
 * events are as written, each person's details sealed under their own key
 * (which is what the hash chain covers); `people` gives them opened, or says
 * the person has been erased.
 */
import { describeBreak, GENESIS_HASH, StreamChainVerifier, withoutChain } from '../eventstore/chain.js';
import type { EventStore, JsonObject } from '../eventstore/event-store.js';
import type { EventMetadata } from '../eventstore/metadata.js';
import type { PersonKeyring } from '../eventstore/person-keyring.js';
import { openPersonalData, sealedPersonOf } from './personal-data-sealing.js';
import { streamCategories } from '../domain/shared/streams.js';

export const EXPORT_FORMAT = 'casebook-export/1';

export type ExportedKind = 'plan' | 'asb-case' | 'action';

/** What each kind of reference names: its stream category, and the first event of its stream, which carries the reference. */
const referenceKinds = {
  PSP: { kind: 'plan', category: streamCategories.plan, openedBy: 'PlanOpened' },
  ASB: { kind: 'asb-case', category: streamCategories.asbCase, openedBy: 'AsbCaseOpened' },
  ACT: { kind: 'action', category: streamCategories.action, openedBy: 'ActionAssigned' },
} as const satisfies Record<string, { kind: ExportedKind; category: string; openedBy: string }>;

const REFERENCE = /^(PSP|ASB|ACT)-\d{4}-\d{4,}$/;

export function isRecordReference(text: string): boolean {
  return REFERENCE.test(text);
}

export interface ExportedEvent {
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  /** When the store committed it: not covered by the hash (EventStoreDB sets it after the fact). */
  readonly recordedAt: string;
  readonly data: JsonObject;
  /** As the writer gave it: who (actor), when (occurredAt), correlation and causation, schema version, idempotency key and fingerprint. */
  readonly metadata: EventMetadata;
  readonly prevHash: string;
  readonly hash: string;
}

export interface ExportedPerson {
  readonly revision: number;
  readonly personId: string;
  /** Null once the person has been erased: their key is destroyed, and the sealed value can never be opened. */
  readonly details: JsonObject | null;
  /** Their household's key, where the event carries one. */
  readonly householdKey?: string;
  readonly erased: boolean;
}

export interface RecordExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly exportedAt: string;
  readonly reference: string;
  readonly streamId: string;
  readonly kind: ExportedKind;
  readonly personalData: string;
  readonly events: readonly ExportedEvent[];
  /** For each event that carries a person, their details opened with their key: what `data.person.sealed` holds. */
  readonly people: readonly ExportedPerson[];
  readonly head: { readonly revision: number; readonly hash: string } | null;
  readonly chain: typeof chainRecipe & {
    /** Casebook's own check when it exported, for convenience: an auditor checks for themselves. */
    readonly verifiedAtExport: { readonly whole: boolean; readonly firstBrokenRevision: number | null; readonly problem: string | null };
  };
}

/** How every hash in the document is made: exactly what eventstore/chain.ts computes. */
const chainRecipe = {
  algorithm: 'sha-256',
  hashEncoding: 'lower-case hexadecimal',
  hashInput:
    'the UTF-8 bytes of the event’s prevHash, then one line feed (0x0a), then the RFC 8785 canonical JSON (JSON Canonicalization Scheme) of the object { streamId, revision, id, type, data, metadata }',
  hashedFields: {
    streamId: 'the document’s streamId',
    revision: 'the event’s revision as a decimal string, e.g. "0" (a string, not a number)',
    id: 'the event’s id',
    type: 'the event’s type',
    data: 'the event’s data, exactly as exported',
    metadata: 'the event’s metadata exactly as exported (it holds neither prevHash nor hash)',
  },
  genesisPrevHash: GENESIS_HASH,
  links: [
    'revisions run 0, 1, 2… without a gap',
    'the first event’s prevHash is genesisPrevHash; every later event’s prevHash is the hash of the event before it',
    'each event’s hash is the sha-256 of its hash input',
  ],
  notCovered: ['recordedAt: the store’s own commit time, which EventStoreDB sets after the fact'],
  limits:
    'A whole chain shows that no event was edited, removed, reordered or inserted after it was written. It cannot show that events were cut from the end of the stream, or that the whole stream was rewritten with fresh hashes: compare head.hash with a head kept somewhere Casebook cannot write (casebook verify --heads). Nor does it show who wrote an event, only that it has not changed since.',
} as const;

const PERSONAL_DATA =
  'This is the whole record, personal data included (the victims, witnesses and subjects of an ASB case, in `people`; a resident who raised a plan). Keep it and share it as you would the record itself. In `events`, each person’s details are sealed under their own key (AES-256-GCM), as stored and as the hash chain covers them; a person erased since reads as erased in `people`, and their sealed details can never be opened again.';

/** The stream whose first event carries the reference, or null. Reads `$all` once, up to the first match. */
export async function findRecordStream(store: Pick<EventStore, 'readAll'>, reference: string): Promise<{ streamId: string; kind: ExportedKind } | null> {
  const match = REFERENCE.exec(reference);
  if (!match) return null;
  const { kind, category, openedBy } = referenceKinds[match[1] as keyof typeof referenceKinds];
  const prefix = `${category}-`;
  for await (const event of store.readAll()) {
    if (event.revision === 0n && event.type === openedBy && event.streamId.startsWith(prefix) && event.data.reference === reference) {
      return { streamId: event.streamId, kind };
    }
  }
  return null;
}

/** The record's history as the store holds it now, or null when no record has the reference. */
export async function exportRecord(store: Pick<EventStore, 'readAll' | 'readStream'>, keyring: PersonKeyring, reference: string, now: Date): Promise<RecordExport | null> {
  const found = await findRecordStream(store, reference);
  if (!found) return null;
  const verifier = new StreamChainVerifier(found.streamId);
  const events: ExportedEvent[] = [];
  const people: ExportedPerson[] = [];
  for await (const event of store.readStream(found.streamId)) {
    verifier.add(event);
    const sealed = sealedPersonOf(event.data);
    if (sealed) {
      const key = keyring.keyOf(sealed.personId);
      // A value that does not open under a held key was altered: the chain check names where.
      const opened = key.state === 'held' ? openPersonalData(key.key, event.streamId, event.id, sealed.personId, sealed.sealed) : null;
      people.push({
        revision: Number(event.revision),
        personId: sealed.personId,
        details: opened?.details ?? null,
        ...(opened?.householdKey !== undefined ? { householdKey: opened.householdKey } : {}),
        erased: key.state === 'erased',
      });
    }
    events.push({
      revision: Number(event.revision),
      id: event.id,
      type: event.type,
      recordedAt: event.recordedAt.toISOString(),
      data: event.data,
      metadata: withoutChain(event.metadata),
      prevHash: event.metadata.prevHash,
      hash: event.metadata.hash,
    });
  }
  const verdict = verifier.verdict();
  const firstBreak = verdict.firstBreak;
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    reference,
    streamId: found.streamId,
    kind: found.kind,
    personalData: PERSONAL_DATA,
    events,
    people,
    head: verdict.headRevision === null || verdict.headHash === null ? null : { revision: Number(verdict.headRevision), hash: verdict.headHash },
    chain: {
      ...chainRecipe,
      verifiedAtExport: {
        whole: verdict.ok,
        firstBrokenRevision: firstBreak ? Number(firstBreak.kind === 'revision_gap' ? firstBreak.expectedRevision : firstBreak.revision) : null,
        problem: firstBreak ? describeBreak(firstBreak) : null,
      },
    },
  };
}
