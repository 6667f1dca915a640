import { z } from 'zod';
import { agencyIdSchema } from '../shared/actor.js';

const agencyName = z.string().trim().min(2, 'give the agency’s name').max(120, 'at most 120 characters');
const leadContact = z.string().trim().min(2, 'name the lead contact').max(120, 'at most 120 characters');

/** The commands that change who is in the partnership. */
export const partnershipCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RegisterAgency'), agencyId: agencyIdSchema, name: agencyName, leadContact }),
  z.object({ type: z.literal('NameLeadContact'), agencyId: agencyIdSchema, leadContact }),
]);
export type PartnershipCommand = z.infer<typeof partnershipCommandSchema>;
