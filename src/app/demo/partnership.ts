import type { AgencyId, Role } from '../../domain/shared/actor.js';

/**
 * The demo Community Safety Partnership: the agencies and the people whose
 * development tokens `npm start` prints. A real deployment's people come from
 * its identity provider; its agencies are the CSP's members.
 */
export interface PartnerAgency {
  readonly id: AgencyId;
  readonly name: string;
  /** The agency's named lead contact for the partnership (seed 004, para 12). */
  readonly leadContact: string;
}

export const demoAgencies: readonly PartnerAgency[] = [
  { id: 'police', name: 'West Yorkshire Police (Neighbourhood Policing Team)', leadContact: 'Insp. Rachel Okafor' },
  { id: 'council', name: 'Wakefield Council ASB Team', leadContact: 'Daniel Price' },
  { id: 'housing', name: 'Wakefield District Housing', leadContact: 'Amira Hussain' },
  { id: 'fire', name: 'West Yorkshire Fire and Rescue Service', leadContact: 'Station Manager Tom Reilly' },
  { id: 'youth', name: 'Youth Services', leadContact: 'Grace Mensah' },
  { id: 'health', name: 'NHS Community Mental Health', leadContact: 'Dr Leah Byrne' },
];

export interface DemoUser {
  readonly userId: string;
  readonly name: string;
  readonly agencyId: AgencyId;
  readonly role: Role;
  readonly job: string;
}

export const demoUsers: readonly DemoUser[] = [
  { userId: 'sarah.khan', name: 'PS Sarah Khan', agencyId: 'police', role: 'coordinator', job: 'neighbourhood sergeant' },
  { userId: 'rachel.okafor', name: 'Insp. Rachel Okafor', agencyId: 'police', role: 'supervisor', job: 'neighbourhood inspector' },
  { userId: 'daniel.price', name: 'Daniel Price', agencyId: 'council', role: 'coordinator', job: 'CSP analyst' },
  { userId: 'megan.lloyd', name: 'Megan Lloyd', agencyId: 'council', role: 'partner', job: 'ASB officer' },
  { userId: 'amira.hussain', name: 'Amira Hussain', agencyId: 'housing', role: 'partner', job: 'tenancy enforcement officer' },
  { userId: 'tom.reilly', name: 'Station Manager Tom Reilly', agencyId: 'fire', role: 'partner', job: 'community fire safety' },
  { userId: 'grace.mensah', name: 'Grace Mensah', agencyId: 'youth', role: 'partner', job: 'detached youth worker' },
  { userId: 'leah.byrne', name: 'Dr Leah Byrne', agencyId: 'health', role: 'partner', job: 'community mental health lead' },
  { userId: 'olivia.grant', name: 'Olivia Grant', agencyId: 'council', role: 'auditor', job: 'internal audit' },
];

export function findAgency(id: string): PartnerAgency | undefined {
  return demoAgencies.find((a) => a.id === id);
}
