/**
 * The disclosure ledger as a stream kind (`disclosures-<agencyId>-<YYYY-MM-DD>`),
 * and reading every disclosure of one person back out of the store, for a
 * subject access request (`casebook disclosures --person`).
 */
import { type DisclosureCommand, type DisclosureEvent, disclosureLedgerDecider, type DisclosureLedgerState, type PersonalDataDisclosed } from '../domain/disclosure/ledger.js';
import { streamCategories, streamName } from '../domain/shared/streams.js';
import type { EventStore } from '../eventstore/event-store.js';
import type { StreamKind } from './command-handler.js';

export const disclosureLedgerStream: StreamKind<DisclosureCommand, DisclosureEvent, DisclosureLedgerState> = {
  decider: disclosureLedgerDecider,
  schemaVersion: 1,
};

/** `disclosures-<agencyId>-<YYYY-MM-DD>`: the reading agency's ledger for the (UTC) day of the read. */
export function disclosureStreamName(agencyId: string, readAt: Date): string {
  return streamName(streamCategories.disclosures, `${agencyId}-${readAt.toISOString().slice(0, 10)}`);
}

export const DISCLOSURES_EXPORT_FORMAT = 'casebook-disclosures/1';

/** One disclosure of the person, as exported: who read what, when, from which case, and on what gateway. */
export interface ExportedDisclosure {
  readonly readAt: string;
  readonly reader: PersonalDataDisclosed['reader'];
  readonly caseId: string;
  readonly reference: string;
  readonly role: string;
  readonly fields: readonly string[];
  readonly gateway: string;
  readonly correlationId: string;
  readonly streamId: string;
  readonly eventId: string;
}

export interface DisclosuresExport {
  readonly format: typeof DISCLOSURES_EXPORT_FORMAT;
  readonly exportedAt: string;
  readonly personId: string;
  readonly disclosures: readonly ExportedDisclosure[];
}

/** Every disclosure of the person's data the store holds, oldest first. Reads `$all` once. */
export async function exportDisclosures(store: Pick<EventStore, 'readAll'>, personId: string, now: Date): Promise<DisclosuresExport> {
  const prefix = `${streamCategories.disclosures}-`;
  const disclosures: ExportedDisclosure[] = [];
  for await (const event of store.readAll()) {
    if (!event.streamId.startsWith(prefix) || event.type !== 'PersonalDataDisclosed') continue;
    const disclosed = event.data as unknown as PersonalDataDisclosed;
    for (const d of disclosed.disclosures) {
      if (d.personId !== personId) continue;
      disclosures.push({
        readAt: disclosed.readAt,
        reader: disclosed.reader,
        caseId: d.caseId,
        reference: d.reference,
        role: d.role,
        fields: d.fields,
        gateway: d.gateway,
        correlationId: disclosed.correlationId,
        streamId: event.streamId,
        eventId: event.id,
      });
    }
  }
  return { format: DISCLOSURES_EXPORT_FORMAT, exportedAt: now.toISOString(), personId, disclosures };
}
