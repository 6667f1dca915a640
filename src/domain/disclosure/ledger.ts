/**
 * The disclosure ledger: every read of a victim's, witness's or subject's
 * personal data by an agency other than the one that owns the case (and
 * every auditor's read), with who read it, when, which fields, and the legal
 * gateway the sharing rests on. One stream per reading agency per day
 * (`disclosures-<agencyId>-<YYYY-MM-DD>`): bounded, and two agencies never
 * contend for one.
 */
import { z } from 'zod';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { Role } from '../shared/actor.js';

/** The gateways an agency may be configured to share under (the information-sharing configuration). */
export const sharingGatewaySchema = z.enum(['cda-s115', 'cda-s17a', 'dpa-2018-part-3', 'consent']);
export type SharingGateway = z.infer<typeof sharingGatewaySchema>;

/** What a disclosure rests on: the reading agency's configured gateway, or `audit` for an auditor, who reads under their own statutory basis. */
export type DisclosureGateway = SharingGateway | 'audit';

export type DisclosedRole = 'victim' | 'witness' | 'subject';

/** The personal data fields a disclosure may name: the person's details, and their household key. */
export const personalDataFieldNames = ['name', 'dateOfBirth', 'address', 'phone', 'email', 'contactNote', 'householdKey'] as const;

export interface Disclosure {
  readonly caseId: string;
  readonly reference: string;
  readonly personId: string;
  readonly role: DisclosedRole;
  readonly fields: readonly string[];
  readonly gateway: DisclosureGateway;
}

export interface Reader {
  readonly userId: string;
  readonly agencyId: string;
  readonly roles: readonly Role[];
}

export interface RecordDisclosures {
  readonly type: 'RecordDisclosures';
  readonly disclosures: readonly Disclosure[];
  /** When the data was read (ISO-8601). */
  readonly readAt: string;
  readonly reader: Reader;
  /** The request that read it. */
  readonly correlationId: string;
}
export type DisclosureCommand = RecordDisclosures;

export interface PersonalDataDisclosed {
  readonly type: 'PersonalDataDisclosed';
  readonly disclosures: readonly Disclosure[];
  readonly readAt: string;
  readonly reader: Reader;
  readonly correlationId: string;
}
export type DisclosureEvent = PersonalDataDisclosed;

/** How many disclosures the stream holds: all the decider needs. */
export interface DisclosureLedgerState {
  readonly disclosures: number;
}

export const disclosureLedgerDecider: Decider<DisclosureCommand, DisclosureEvent, DisclosureLedgerState> = {
  initialState: () => ({ disclosures: 0 }),
  evolve(state, event) {
    return event.type === 'PersonalDataDisclosed' ? { disclosures: state.disclosures + event.disclosures.length } : state;
  },
  decide(command, _state, { actor }) {
    if (command.reader.agencyId !== actor.agencyId || command.reader.userId !== actor.userId) {
      throw new DomainError('DISCLOSURE_READER_MISMATCH', 'a disclosure is recorded by the one who read the data');
    }
    const disclosures = command.disclosures.filter((d) => d.fields.length > 0);
    if (disclosures.length === 0) return [];
    return [{ type: 'PersonalDataDisclosed', disclosures, readAt: command.readAt, reader: command.reader, correlationId: command.correlationId }];
  },
};

/** The gateway a reader's disclosure rests on: `audit` for an auditor, else its agency's configured gateway, else the default. */
export function gatewayFor(sharing: { readonly gateways: Readonly<Record<string, SharingGateway>>; readonly default: SharingGateway }, reader: Reader): DisclosureGateway {
  if (reader.roles.includes('auditor')) return 'audit';
  return sharing.gateways[reader.agencyId] ?? sharing.default;
}
