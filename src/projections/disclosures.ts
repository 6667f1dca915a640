/**
 * The disclosure ledger as a read model: every recorded read of a victim's,
 * witness's or subject's personal data by an agency other than the case's
 * owner (or by an auditor), oldest first, for auditors to query.
 */
import type { DisclosedRole, DisclosureGateway, PersonalDataDisclosed } from '../domain/disclosure/ledger.js';
import type { Projection } from './projection.js';

export interface DisclosureEntry {
  /** `<eventId>/<index>`: the event, and the disclosure's place in it. */
  readonly entryId: string;
  readonly readAt: string;
  readonly readAtMs: number;
  readonly userId: string;
  readonly agencyId: string;
  readonly roles: readonly string[];
  readonly caseId: string;
  readonly reference: string;
  readonly personId: string;
  readonly role: DisclosedRole;
  readonly fields: readonly string[];
  readonly gateway: DisclosureGateway;
  readonly correlationId: string;
}

export interface DisclosureLedger {
  readonly entries: DisclosureEntry[];
}

export const disclosuresProjection: Projection<DisclosureLedger> = {
  name: 'disclosures',
  handles: ['PersonalDataDisclosed'],
  init: () => ({ entries: [] }),
  apply(model, event) {
    const disclosed = event.data as unknown as PersonalDataDisclosed;
    disclosed.disclosures.forEach((d, i) => {
      model.entries.push({
        entryId: `${event.id}/${i}`,
        readAt: disclosed.readAt,
        readAtMs: Date.parse(disclosed.readAt),
        userId: disclosed.reader.userId,
        agencyId: disclosed.reader.agencyId,
        roles: disclosed.reader.roles,
        caseId: d.caseId,
        reference: d.reference,
        personId: d.personId,
        role: d.role,
        fields: d.fields,
        gateway: d.gateway,
        correlationId: disclosed.correlationId,
      });
    });
  },
};

export interface DisclosureFilter {
  readonly personId?: string;
  readonly caseId?: string;
  readonly agencyId?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
}

/** The disclosures that match every part of the filter given, oldest first. */
export function findDisclosures(ledger: DisclosureLedger, filter: DisclosureFilter): DisclosureEntry[] {
  return ledger.entries.filter(
    (e) =>
      (filter.personId === undefined || e.personId === filter.personId) &&
      (filter.caseId === undefined || e.caseId === filter.caseId) &&
      (filter.agencyId === undefined || e.agencyId === filter.agencyId) &&
      (filter.fromMs === undefined || e.readAtMs >= filter.fromMs) &&
      (filter.toMs === undefined || e.readAtMs < filter.toMs),
  );
}
