/**
 * What can be asked of a partner action: one command per action mutation of
 * API.md. An action belongs to a plan or an ASB case and is assigned to an
 * agency, optionally to a named person in it.
 */
import { z } from 'zod';
import { agencyIdSchema } from '../shared/actor.js';
import { calendarDate, plainText } from '../shared/values.js';

export const actionParentSchema = z.object({ kind: z.enum(['plan', 'asbcase']), id: z.uuid() });
export type ActionParent = z.infer<typeof actionParentSchema>;

export const assignmentSchema = z.object({
  agencyId: agencyIdSchema,
  person: plainText(120, 'the person').optional(),
});

/**
 * `answerableAgencyId` on the owner's commands is the plan or case owner's
 * agency as it is now, given by the application (never by the caller): an
 * owner who changes after the action was assigned takes its rights over it.
 */
export const actionCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('AssignAction'),
    reference: z.string().regex(/^ACT-\d{4}-\d{4,}$/, 'an action reference such as ACT-2026-0420'),
    parent: actionParentSchema,
    /** The agency answerable for the plan or case (its owner's), who may reassign, reschedule or cancel. */
    ownerAgencyId: agencyIdSchema,
    assignee: assignmentSchema,
    description: plainText(1000, 'the action'),
    dueOn: calendarDate,
  }),
  z.object({ type: z.literal('AcceptAction') }),
  z.object({ type: z.literal('ReportActionProgress'), note: plainText(2000, 'the progress note') }),
  z.object({ type: z.literal('BlockAction'), reason: plainText(1000, 'the reason') }),
  z.object({ type: z.literal('CompleteAction'), outcome: plainText(2000, 'the outcome'), evidence: plainText(2000, 'the evidence note'), doneOn: calendarDate }),
  z.object({ type: z.literal('CancelAction'), reason: plainText(1000, 'the reason'), answerableAgencyId: agencyIdSchema.optional() }),
  z.object({ type: z.literal('ReassignAction'), assignee: assignmentSchema, reason: plainText(1000, 'the reason'), answerableAgencyId: agencyIdSchema.optional() }),
  z.object({ type: z.literal('RescheduleAction'), dueOn: calendarDate, reason: plainText(1000, 'the reason'), answerableAgencyId: agencyIdSchema.optional() }),
]);
export type ActionCommand = z.infer<typeof actionCommandSchema>;
