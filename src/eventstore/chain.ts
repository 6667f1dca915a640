/**
 * Tamper evidence. Each event's hash is sha-256 over the previous event's hash
 * and this event's canonical form (RFC 8785 JSON), so changing, removing or
 * reordering any stored event breaks the chain from that revision on.
 *
 * The store computes the chain when it appends, so every event in the store is
 * chained, whoever wrote it. The hash covers what the writer controls (stream,
 * revision, id, type, data, metadata); the commit time is the store's own and
 * EventStoreDB sets it after the fact, so it is not covered.
 */
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { EventStore, JsonObject, RecordedEvent } from './event-store.js';
import type { EventMetadata, RecordedMetadata } from './metadata.js';

// The package is CommonJS whose typings declare an ES default export; at run time the import is the function itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export const GENESIS_HASH = '0'.repeat(64);

/** RFC 8785 canonical JSON: the same value gives the same text whatever the order of its keys. */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? '';
}

export interface ChainInput {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export function chainHash(prevHash: string, event: ChainInput): string {
  const canonical = canonicalJson({
    streamId: event.streamId,
    revision: event.revision.toString(),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** The metadata as the writer gave it, without the chain link. */
export function withoutChain(metadata: RecordedMetadata): EventMetadata {
  const { prevHash: _p, hash: _h, ...rest } = metadata;
  return rest;
}

export type ChainBreak =
  | { kind: 'revision_gap'; revision: bigint; expectedRevision: bigint }
  | { kind: 'prev_hash_mismatch'; revision: bigint }
  | { kind: 'hash_mismatch'; revision: bigint };

export interface StreamVerdict {
  readonly streamId: string;
  readonly ok: boolean;
  readonly eventsChecked: number;
  /** The last hash of the stream as stored, for an auditor to anchor. */
  readonly headHash: string | null;
  readonly headRevision: bigint | null;
  readonly firstBreak: ChainBreak | null;
}

export function describeBreak(b: ChainBreak): string {
  switch (b.kind) {
    case 'revision_gap':
      return `revision ${b.expectedRevision} is missing or out of order (found ${b.revision} in its place)`;
    case 'prev_hash_mismatch':
      return `revision ${b.revision} does not follow the hash of the event before it (an event was removed, inserted or reordered)`;
    case 'hash_mismatch':
      return `revision ${b.revision} was altered after it was written`;
  }
}

/**
 * Checks one stream's events in the order the store returns them. Names the
 * first broken revision; everything before it is proven whole.
 */
export class StreamChainVerifier {
  private expectedRevision = 0n;
  private prevHash = GENESIS_HASH;
  private checked = 0;
  private firstBreak: ChainBreak | null = null;
  private headHash: string | null = null;
  private headRevision: bigint | null = null;

  constructor(readonly streamId: string) {}

  add(event: RecordedEvent): void {
    this.checked += 1;
    this.headHash = event.metadata.hash;
    this.headRevision = event.revision;
    if (this.firstBreak) return;
    if (event.revision !== this.expectedRevision) {
      this.firstBreak = { kind: 'revision_gap', revision: event.revision, expectedRevision: this.expectedRevision };
      return;
    }
    if (event.metadata.prevHash !== this.prevHash) {
      this.firstBreak = { kind: 'prev_hash_mismatch', revision: event.revision };
      return;
    }
    const recomputed = chainHash(this.prevHash, { ...event, metadata: withoutChain(event.metadata) });
    if (recomputed !== event.metadata.hash) {
      this.firstBreak = { kind: 'hash_mismatch', revision: event.revision };
      return;
    }
    this.prevHash = event.metadata.hash;
    this.expectedRevision += 1n;
  }

  verdict(): StreamVerdict {
    return {
      streamId: this.streamId,
      ok: this.firstBreak === null,
      eventsChecked: this.checked,
      headHash: this.headHash,
      headRevision: this.headRevision,
      firstBreak: this.firstBreak,
    };
  }
}

export async function verifyStreamChain(streamId: string, events: AsyncIterable<RecordedEvent>): Promise<StreamVerdict> {
  const verifier = new StreamChainVerifier(streamId);
  for await (const event of events) verifier.add(event);
  return verifier.verdict();
}

export interface StoreVerdict {
  readonly streams: readonly StreamVerdict[];
  readonly events: number;
  readonly broken: readonly StreamVerdict[];
}

/** Checks every stream's chain in one pass over `$all`. */
export async function verifyStore(store: Pick<EventStore, 'readAll'>): Promise<StoreVerdict> {
  const verifiers = new Map<string, StreamChainVerifier>();
  let events = 0;
  for await (const event of store.readAll()) {
    let verifier = verifiers.get(event.streamId);
    if (!verifier) {
      verifier = new StreamChainVerifier(event.streamId);
      verifiers.set(event.streamId, verifier);
    }
    verifier.add(event);
    events += 1;
  }
  const streams = [...verifiers.values()].map((v) => v.verdict()).sort((a, b) => a.streamId.localeCompare(b.streamId));
  return { streams, events, broken: streams.filter((v) => !v.ok) };
}
