import { z } from 'zod';

/** What happened to the partnership's membership, in the past tense. */
export const partnershipEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('AgencyJoinedPartnership'), agencyId: z.string(), name: z.string(), leadContact: z.string() }),
  z.object({ type: z.literal('LeadContactNamed'), agencyId: z.string(), leadContact: z.string(), previous: z.string() }),
]);
export type PartnershipEvent = z.infer<typeof partnershipEventSchema>;
