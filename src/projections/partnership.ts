import { partnershipDecider, type PartnershipState } from '../domain/partnership/decider.js';
import type { PartnershipEvent } from '../domain/partnership/events.js';
import type { Projection } from './projection.js';

/** The member agencies as the API shows them: the decider's own fold, kept current from `$all`. */
export interface PartnershipDirectory {
  current: PartnershipState;
}

export const partnershipProjection: Projection<PartnershipDirectory> = {
  name: 'partnership',
  handles: ['AgencyJoinedPartnership', 'LeadContactNamed'],
  init: () => ({ current: partnershipDecider.initialState() }),
  apply(model, event) {
    model.current = partnershipDecider.evolve(model.current, event.data as unknown as PartnershipEvent);
  },
};
