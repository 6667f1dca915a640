/**
 * What happened to a neighbourhood and its priorities, in the past tense. Who
 * recorded it and when it was written are in the event's metadata; the days
 * here are the community's (when it chose, when it reviewed).
 */
import { z } from 'zod';
import { calendarDate } from '../shared/values.js';
import { neighbourhoodKindSchema, priorityChoiceSchema, reviewOutcomeSchema, signalClassSchema, coordinationMeetingSchema } from './commands.js';

/**
 * The fields of a priority a revision may change, each present only when it
 * changed. A description taken away is `null`, so that "no longer described"
 * and "description unchanged" stay apart.
 */
const priorityChangesSchema = z.object({
  title: z.string().optional(),
  description: z.string().nullable().optional(),
  chosenBy: priorityChoiceSchema.optional(),
  chosenOn: calendarDate.optional(),
  signalClass: signalClassSchema.optional(),
  reviewOn: calendarDate.optional(),
});
export type PriorityChanges = z.infer<typeof priorityChangesSchema>;

export const neighbourhoodEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('NeighbourhoodDefined'),
    neighbourhoodId: z.string(),
    name: z.string(),
    kind: neighbourhoodKindSchema,
    area: z.string().optional(),
  }),
  z.object({
    type: z.literal('NeighbourhoodPrioritySet'),
    priorityId: z.string(),
    title: z.string(),
    description: z.string().optional(),
    chosenBy: priorityChoiceSchema,
    chosenOn: calendarDate,
    signalClass: signalClassSchema,
    reviewOn: calendarDate,
  }),
  // `previous` holds the same fields as they were, so a reader of the history sees the change without replaying it.
  z.object({ type: z.literal('NeighbourhoodPriorityRevised'), priorityId: z.string(), ...priorityChangesSchema.shape, previous: priorityChangesSchema }),
  z.object({
    type: z.literal('NeighbourhoodPriorityReviewed'),
    priorityId: z.string(),
    reviewedOn: calendarDate,
    outcome: reviewOutcomeSchema,
    note: z.string().optional(),
    nextReviewOn: calendarDate,
  }),
  z.object({ type: z.literal('NeighbourhoodPriorityRetired'), priorityId: z.string(), reason: z.string(), retiredOn: calendarDate }),
  coordinationMeetingSchema.extend({ type: z.literal('CoordinationMeetingHeld') }),
]);
export type NeighbourhoodEvent = z.infer<typeof neighbourhoodEventSchema>;
