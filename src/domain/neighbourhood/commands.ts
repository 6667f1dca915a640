/**
 * What can be asked of one neighbourhood: define it, then record the
 * priorities its community chose, their reviews and their retirement
 * (ACPO 2006, 4.7.1 to 4.7.3; DOMAIN.md). The schemas are the validation the
 * API runs on input.
 */
import { z } from 'zod';
import { calendarDate, localId, personRefSchema, plainText } from '../shared/values.js';

/** An area agreed locally; a `community` is one not bound to one place (a faith or ethnic community, say). */
export const neighbourhoodKindSchema = z.enum(['ward', 'estate', 'town-centre', 'village', 'community']);
export type NeighbourhoodKind = z.infer<typeof neighbourhoodKindSchema>;

/** How representative members of the community chose a priority; police and partners record it, they do not choose it. */
export const priorityChoiceSchema = z.enum(['public-vote', 'representative-panel']);
export type PriorityChoice = z.infer<typeof priorityChoiceSchema>;

/**
 * The signal-crimes typology (1.3.2): a policing priority is non-negotiable
 * crime, an acute one is serious to a few, a chronic one is low-level disorder
 * seen by most.
 */
export const signalClassSchema = z.enum(['policing', 'acute', 'chronic']);
export type SignalClass = z.infer<typeof signalClassSchema>;

/** A review keeps the priority as it is, or finds it must change (the change itself is set afterwards). */
export const reviewOutcomeSchema = z.enum(['kept', 'revised']);
export type ReviewOutcome = z.infer<typeof reviewOutcomeSchema>;

const neighbourhoodName = z.string().trim().min(2, 'give the neighbourhood’s name').max(120, 'at most 120 characters');
const priorityTitle = z.string().trim().min(2, 'give the priority a title').max(160, 'at most 160 characters');
const retirementReason = z.string().trim().min(2, 'say why the priority is retired').max(500, 'at most 500 characters');

/** A meeting of the neighbourhood's co-ordination group (4.7.5): police, partners and community, with an agreed chair. */
export const coordinationMeetingSchema = z.object({
  meetingId: localId,
  heldOn: calendarDate,
  chair: plainText(160, 'the chair'),
  attendees: z.array(personRefSchema).min(1, 'name who attended').max(80),
  notes: plainText(4000, 'the notes').optional(),
});
export type CoordinationMeeting = z.infer<typeof coordinationMeetingSchema>;

export const neighbourhoodCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('DefineNeighbourhood'),
    neighbourhoodId: z.uuid(),
    name: neighbourhoodName,
    kind: neighbourhoodKindSchema,
    area: plainText(500, 'the description of the area').optional(),
  }),
  z.object({
    type: z.literal('SetNeighbourhoodPriority'),
    priorityId: z.uuid(),
    title: priorityTitle,
    description: plainText(2000, 'the description').optional(),
    chosenBy: priorityChoiceSchema,
    chosenOn: calendarDate,
    signalClass: signalClassSchema,
    reviewOn: calendarDate,
  }),
  z.object({
    type: z.literal('RecordPriorityReview'),
    priorityId: z.uuid(),
    reviewedOn: calendarDate,
    outcome: reviewOutcomeSchema,
    note: plainText(2000, 'the note').optional(),
    nextReviewOn: calendarDate,
  }),
  z.object({ type: z.literal('RetireNeighbourhoodPriority'), priorityId: z.uuid(), reason: retirementReason, retiredOn: calendarDate }),
  coordinationMeetingSchema.extend({ type: z.literal('RecordCoordinationMeeting') }),
]);
export type NeighbourhoodCommand = z.infer<typeof neighbourhoodCommandSchema>;
