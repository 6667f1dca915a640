/** What happened to a partner action, in the past tense. */
import { z } from 'zod';
import { agencyIdSchema } from '../shared/actor.js';
import { calendarDate } from '../shared/values.js';
import { actionParentSchema, assignmentSchema } from './commands.js';

const author = z.object({ userId: z.string(), agencyId: agencyIdSchema, name: z.string() });

export const actionEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ActionAssigned'),
    reference: z.string(),
    parent: actionParentSchema,
    ownerAgencyId: agencyIdSchema,
    assignee: assignmentSchema,
    description: z.string(),
    dueOn: calendarDate,
  }),
  z.object({ type: z.literal('ActionAccepted'), by: author }),
  z.object({ type: z.literal('ActionProgressReported'), note: z.string(), by: author, at: z.string() }),
  z.object({ type: z.literal('ActionBlocked'), reason: z.string(), by: author }),
  z.object({ type: z.literal('ActionCompleted'), outcome: z.string(), evidence: z.string(), doneOn: calendarDate, by: author }),
  z.object({ type: z.literal('ActionCancelled'), reason: z.string(), on: calendarDate, by: author }),
  z.object({ type: z.literal('ActionReassigned'), assignee: assignmentSchema, previous: assignmentSchema, reason: z.string() }),
  z.object({ type: z.literal('ActionRescheduled'), dueOn: calendarDate, previousDueOn: calendarDate, reason: z.string() }),
]);
export type ActionEvent = z.infer<typeof actionEventSchema>;
