/**
 * `casebook export <reference>`: one plan's, ASB case's or action's whole
 * history as one JSON document, with its hash chain and how each hash is made,
 * so that an auditor can check it with their own tools and without Casebook
 * (README.md, "Check that nothing was altered").
 *
 * The document is the whole record, personal data included: the victims,
 * witnesses and subjects of an ASB case, a resident who raised a plan. The
 * events are as written, each person's details sealed under their own key
 * (which is what the hash chain covers); each such event's `dataOpened` is its
 * data with them opened, as Casebook reads it, a person erased since having
 * none.
 */
import { describeBreak, GENESIS_HASH, StreamChainVerifier, withoutChain } from '../eventstore/chain.js';
import type { EventStore, JsonObject, RecordedEvent } from '../eventstore/event-store.js';
import type { EventMetadata } from '../eventstore/metadata.js';
import type { PersonKeyring } from '../eventstore/person-keyring.js';
import { PersonalDataSealingStore } from './personal-data-sealing.js';
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
  /**
   * Only on an event that seals a person's data: its data as Casebook reads it, each sealed value opened with the
   * person's key (gone, for a person erased since). Not covered by the hash: `data` is.
   */
  readonly dataOpened?: JsonObject;
  /** Only when a sealed value would not open (altered, or a keyring the store was not written with): why. */
  readonly sealProblem?: string;
}

export interface RecordExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly exportedAt: string;
  readonly reference: string;
  readonly streamId: string;
  readonly kind: ExportedKind;
  readonly personalData: string;
  readonly events: readonly ExportedEvent[];
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
  'This is the whole record, personal data included (the victims, witnesses and subjects of an ASB case; a resident who raised a plan). Keep it and share it as you would the record itself. In each event’s `data`, a person’s details are sealed under their own key (AES-256-GCM), as stored and as the hash chain covers them; `dataOpened` gives the same data opened. A person erased since has no details in `dataOpened`, and their sealed details can never be opened again.';

/** What an event seals, opened, when it seals anything: the same opening every read in Casebook goes through. */
function openedOf(opener: PersonalDataSealingStore, event: RecordedEvent): Pick<ExportedEvent, 'dataOpened' | 'sealProblem'> {
  try {
    const opened = opener.open(event);
    return opened === event ? {} : { dataOpened: opened.data };
  } catch (error) {
    return { sealProblem: error instanceof Error ? error.message : String(error) };
  }
}

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
export async function exportRecord(store: EventStore, keyring: PersonKeyring, reference: string, now: Date): Promise<RecordExport | null> {
  const found = await findRecordStream(store, reference);
  if (!found) return null;
  const verifier = new StreamChainVerifier(found.streamId);
  const events: ExportedEvent[] = [];
  const opener = new PersonalDataSealingStore(store, keyring);
  for await (const event of store.readStream(found.streamId)) {
    verifier.add(event);
    events.push({
      revision: Number(event.revision),
      id: event.id,
      type: event.type,
      recordedAt: event.recordedAt.toISOString(),
      data: event.data,
      metadata: withoutChain(event.metadata),
      prevHash: event.metadata.prevHash,
      hash: event.metadata.hash,
      ...openedOf(opener, event),
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
