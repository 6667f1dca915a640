/**
 * What happened to a plan, in the past tense. Each event carries what is
 * needed to rebuild the plan and nothing read from elsewhere; who did it and
 * when it was written are in the event's metadata.
 */
import { z } from 'zod';
import { agencyIdSchema } from '../shared/actor.js';
import { retentionReviewRecordedFields } from '../shared/retention.js';
import { calendarDate, localId, personRefSchema, recordedRaisingPartySchema, riskLevelSchema } from '../shared/values.js';
import {
  analysisSchema,
  conclusionSchema,
  measurementSchema,
  meetingSchema,
  objectiveSchema,
  openingSchema,
  planStageSchema,
  responsePlanSchema,
  scanningSchema,
  workingStageSchema,
} from './commands.js';

/** Process evaluation (POP Center): was each planned action done as planned? Counted from the plan's response actions. */
export const processEvaluationSchema = z.object({
  planned: z.number().int().min(0),
  done: z.number().int().min(0),
  doneLate: z.number().int().min(0),
  cancelled: z.number().int().min(0),
  stillOpen: z.number().int().min(0),
  overdue: z.number().int().min(0),
});
export type ProcessEvaluation = z.infer<typeof processEvaluationSchema>;

export const planEventSchema = z.discriminatedUnion('type', [
  openingSchema.extend({ type: z.literal('PlanOpened'), raisedBy: z.array(recordedRaisingPartySchema) }),
  z.object({ type: z.literal('PlanOwnerAssigned'), owner: personRefSchema, previous: personRefSchema.optional() }),
  z.object({ type: z.literal('PlanPartnerAdded'), representative: personRefSchema }),
  z.object({ type: z.literal('PlanPartnerRemoved'), represents: z.string(), name: z.string(), reason: z.string() }),
  z.object({ type: z.literal('RaisingPartyAdded'), party: recordedRaisingPartySchema }),
  z.object({ type: z.literal('ObjectiveSet'), objective: objectiveSchema, revised: z.boolean() }),
  z.object({ type: z.literal('ScanningRecorded'), scanning: scanningSchema }),
  z.object({ type: z.literal('AnalysisRecorded'), analysis: analysisSchema }),
  responsePlanSchema.extend({ type: z.literal('ResponsePlanRecorded') }),
  z.object({ type: z.literal('PlanRiskAssessed'), level: riskLevelSchema, reasons: z.string(), assessedOn: calendarDate }),
  z.object({ type: z.literal('CommunityImpactAssessed'), level: riskLevelSchema, reasons: z.string(), assessedOn: calendarDate }),
  meetingSchema.extend({ type: z.literal('MeetingRecorded') }),
  z.object({ type: z.literal('ReviewScheduled'), reviewId: localId, dueOn: calendarDate }),
  z.object({
    type: z.literal('ReviewCompleted'),
    reviewId: localId,
    doneOn: calendarDate,
    finding: z.string(),
    nextReviewOn: calendarDate.optional(),
    reviewer: z.object({ userId: z.string(), agencyId: agencyIdSchema, name: z.string() }),
  }),
  z.object({ type: z.literal('PlanStageAdvanced'), from: planStageSchema, to: workingStageSchema }),
  measurementSchema.extend({ type: z.literal('ResultMeasured') }),
  conclusionSchema.extend({ type: z.literal('ResultsAnalysisConcluded'), process: processEvaluationSchema }),
  z.object({ type: z.literal('ClosureProposed'), justification: z.string(), proposedOn: calendarDate }),
  z.object({ type: z.literal('ClosureSignedOff'), partyId: localId, satisfied: z.boolean(), comment: z.string(), signedOn: calendarDate }),
  z.object({ type: z.literal('PlanClosed'), closedOn: calendarDate, justification: z.string() }),
  z.object({ type: z.literal('PlanReopened'), reason: z.string(), reopenedOn: calendarDate, resumeAt: workingStageSchema }),
  z.object({ type: z.literal('PlanEscalated'), resourceRequested: z.string(), reason: z.string(), escalatedOn: calendarDate }),
  /** A MoPI retention review of the closed plan: retain (with the next review) or dispose. */
  z.object({ type: z.literal('RetentionReviewRecorded'), ...retentionReviewRecordedFields }),
  z.object({ type: z.literal('ResponseActionLinked'), actionId: z.uuid(), agencyId: agencyIdSchema, description: z.string(), dueOn: calendarDate }),
  z.object({ type: z.literal('ResponseActionRescheduled'), actionId: z.uuid(), dueOn: calendarDate }),
  z.object({ type: z.literal('ResponseActionReassigned'), actionId: z.uuid(), agencyId: agencyIdSchema }),
  z.object({ type: z.literal('ResponseActionOutcomeNoted'), actionId: z.uuid(), status: z.enum(['done', 'cancelled']), on: calendarDate }),
]);
export type PlanEvent = z.infer<typeof planEventSchema>;
export type PlanEventOf<T extends PlanEvent['type']> = Extract<PlanEvent, { type: T }>;

