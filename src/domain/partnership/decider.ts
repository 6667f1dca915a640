/**
 * The partnership register: which agencies make up the CSP, and each one's
 * named lead contact for the partnership (seed 004, para 12). Plans, cases and
 * actions name agencies by their short id; this is where the ids are defined.
 */
import type { Decider } from '../shared/decider.js';
import { DomainError, DomainForbidden } from '../shared/domain-error.js';
import { hasRole } from '../shared/actor.js';
import type { PartnershipCommand } from './commands.js';
import type { PartnershipEvent } from './events.js';

export interface MemberAgency {
  readonly agencyId: string;
  readonly name: string;
  readonly leadContact: string;
}

export interface PartnershipState {
  readonly agencies: ReadonlyMap<string, MemberAgency>;
}

export const partnershipDecider: Decider<PartnershipCommand, PartnershipEvent, PartnershipState> = {
  initialState: () => ({ agencies: new Map() }),

  evolve(state, event) {
    switch (event.type) {
      case 'AgencyJoinedPartnership': {
        const agencies = new Map(state.agencies);
        agencies.set(event.agencyId, { agencyId: event.agencyId, name: event.name, leadContact: event.leadContact });
        return { agencies };
      }
      case 'LeadContactNamed': {
        const member = state.agencies.get(event.agencyId);
        if (!member) return state;
        const agencies = new Map(state.agencies);
        agencies.set(event.agencyId, { ...member, leadContact: event.leadContact });
        return { agencies };
      }
      default:
        return state;
    }
  },

  decide(command, state, { actor }) {
    // Membership is the partnership's to manage: its coordinators (the CSP's analysts and neighbourhood police).
    if (!hasRole(actor, 'coordinator')) throw new DomainForbidden('Only a coordinator of the partnership changes its membership.');
    switch (command.type) {
      case 'RegisterAgency': {
        const existing = state.agencies.get(command.agencyId);
        if (existing) {
          throw new DomainError('AGENCY_ALREADY_IN_PARTNERSHIP', `The agency id "${command.agencyId}" is already used by ${existing.name}.`);
        }
        return [{ type: 'AgencyJoinedPartnership', agencyId: command.agencyId, name: command.name, leadContact: command.leadContact }];
      }
      case 'NameLeadContact': {
        const member = state.agencies.get(command.agencyId);
        if (!member) throw new DomainError('AGENCY_NOT_IN_PARTNERSHIP', `No agency "${command.agencyId}" is in the partnership.`);
        if (member.leadContact === command.leadContact) return [];
        return [{ type: 'LeadContactNamed', agencyId: command.agencyId, leadContact: command.leadContact, previous: member.leadContact }];
      }
    }
  },
};
