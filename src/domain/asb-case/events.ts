/**
 * What happened to an ASB case, in the past tense. Each event carries what is
 * needed to rebuild the case and nothing read from elsewhere; who did it and
 * when it was written are in the event's metadata.
 *
 * Personal data is carried only by VictimRecorded, WitnessRecorded,
 * SubjectRecorded and PersonalDetailsCorrected, in their `person` field
 * (personal-data.ts); every other event names people by person id.
 */
import { z } from 'zod';
import { agencyIdSchema } from '../shared/actor.js';
import { retentionReviewRecordedFields } from '../shared/retention.js';
import { calendarDate, localId } from '../shared/values.js';
import { caseReviewProcedureSchema, complaintSchema, thresholdRouteSchema } from './case-review.js';
import {
  caseOutcomeSchema,
  incidentReportSchema,
  incidentSchema,
  openingSchema,
  recommendationSchema,
  referralSchema,
  representativeSchema,
  thresholdBasisSchema,
  victimSatisfactionSchema,
} from './commands.js';
import { breachSchema, interventionSchema } from './interventions.js';
import { ageBandSchema, householdKeySchema, personIdSchema, personRecordSchema } from './personal-data.js';
import { personFlagSchema, riskAnswersSchema, singlePointOfContactSchema, victimRiskLevelSchema } from './risk-assessment.js';

export const authorSchema = z.object({ userId: z.string(), agencyId: agencyIdSchema, name: z.string() });
export type Author = z.infer<typeof authorSchema>;

const partyRecorded = {
  person: personRecordSchema,
  householdKey: householdKeySchema.optional(),
  recordedOn: calendarDate,
};

export const asbCaseEventSchema = z.discriminatedUnion('type', [
  openingSchema.extend({ type: z.literal('AsbCaseOpened') }),
  z.object({ type: z.literal('CasePartnerAdded'), agencyId: agencyIdSchema, reason: z.string().optional() }),
  z.object({ type: z.literal('CasePartnerRemoved'), agencyId: agencyIdSchema, reason: z.string() }),

  incidentSchema.extend({ type: z.literal('IncidentReported'), report: incidentReportSchema }),
  /** The same incident reported again: by someone else, or to another agency. It is still one incident. */
  z.object({ type: z.literal('IncidentReportAdded'), incidentId: localId, report: incidentReportSchema }),

  z.object({ type: z.literal('VictimRecorded'), ...partyRecorded }),
  z.object({ type: z.literal('WitnessRecorded'), ...partyRecorded }),
  z.object({
    type: z.literal('SubjectRecorded'),
    ...partyRecorded,
    /** Worked out from the date of birth on the day recorded, or the recorder's estimate: whether a child is involved, without the date. */
    ageBand: ageBandSchema,
    ageBandEstimated: z.boolean(),
  }),
  z.object({ type: z.literal('PersonalDetailsCorrected'), person: personRecordSchema, correctedOn: calendarDate, subjectAgeBand: ageBandSchema.optional() }),
  z.object({ type: z.literal('PersonFlagged'), personId: personIdSchema, role: z.enum(['victim', 'witness']), flag: personFlagSchema, reason: z.string(), flaggedOn: calendarDate }),

  z.object({
    type: z.literal('VictimRiskAssessed'),
    personId: personIdSchema,
    questionnaireVersion: z.string(),
    answers: riskAnswersSchema,
    score: z.number().int().min(0),
    scoredLevel: victimRiskLevelSchema,
    level: victimRiskLevelSchema,
    judgement: z.object({ raiseTo: victimRiskLevelSchema, reason: z.string() }).optional(),
    assessedOn: calendarDate,
    assessor: authorSchema,
    singlePointOfContact: singlePointOfContactSchema.optional(),
  }),
  z.object({ type: z.literal('VictimRiskReviewed'), personId: personIdSchema, reviewer: z.string(), reviewedOn: calendarDate, note: z.string(), by: authorSchema }),

  interventionSchema.extend({ type: z.literal('InterventionRecorded'), subjectAgeBandOnIssue: ageBandSchema.optional() }),
  breachSchema.extend({ type: z.literal('BreachRecorded') }),
  referralSchema.extend({ type: z.literal('ReferralMade') }),

  z.object({
    type: z.literal('CaseReviewRequested'),
    applicationId: localId,
    appliedOn: calendarDate,
    applicantPersonId: personIdSchema,
    madeBy: z.enum(['victim', 'representative']),
    representative: representativeSchema.optional(),
    complaints: z.array(complaintSchema),
    procedure: caseReviewProcedureSchema,
    /** The threshold as the complaints showed it on the day of application: rerun `judgeCaseReviewThreshold` for the explanation. */
    thresholdShown: z.object({ met: z.boolean(), routesMet: z.array(thresholdRouteSchema), countedComplaintIds: z.array(z.string()) }),
  }),
  z.object({ type: z.literal('CaseReviewDecided'), applicationId: localId, decidedOn: calendarDate, thresholdMet: z.boolean(), basis: thresholdBasisSchema.optional(), reason: z.string() }),
  z.object({
    type: z.literal('CaseReviewHeld'),
    applicationId: localId,
    heldOn: calendarDate,
    agencies: z.array(agencyIdSchema),
    findings: z.string(),
    recommendations: z.array(recommendationSchema),
  }),
  z.object({ type: z.literal('CaseReviewAppealed'), applicationId: localId, appealedOn: calendarDate, against: z.enum(['decision', 'outcome']), grounds: z.string() }),
  z.object({ type: z.literal('CaseReviewAppealDecided'), applicationId: localId, decidedOn: calendarDate, upheld: z.boolean(), reason: z.string() }),

  z.object({ type: z.literal('CaseLinkedToPlan'), planId: z.uuid(), linkedOn: calendarDate, reason: z.string().optional(), previousPlanId: z.uuid().optional() }),
  z.object({
    type: z.literal('AsbCaseClosed'),
    closedOn: calendarDate,
    outcome: caseOutcomeSchema,
    summary: z.string(),
    victimSatisfaction: z.array(victimSatisfactionSchema),
  }),
  z.object({ type: z.literal('AsbCaseReopened'), reason: z.string(), reopenedOn: calendarDate }),
  /** A MoPI retention review of the closed case: retain (with the next review) or dispose. */
  z.object({ type: z.literal('RetentionReviewRecorded'), ...retentionReviewRecordedFields }),

  z.object({ type: z.literal('CaseActionLinked'), actionId: z.uuid(), agencyId: agencyIdSchema, description: z.string(), dueOn: calendarDate }),
  z.object({ type: z.literal('CaseActionReassigned'), actionId: z.uuid(), agencyId: agencyIdSchema }),
  z.object({ type: z.literal('CaseActionOutcomeNoted'), actionId: z.uuid(), status: z.enum(['done', 'cancelled']), on: calendarDate }),

  /** One agency has seen an alert about a victim or witness and taken it on; each agency alerted acknowledges for itself. */
  z.object({ type: z.literal('AlertAcknowledged'), alertId: z.string(), agencyId: agencyIdSchema, by: authorSchema, acknowledgedOn: calendarDate }),
]);
export type AsbCaseEvent = z.infer<typeof asbCaseEventSchema>;
export type AsbCaseEventOf<T extends AsbCaseEvent['type']> = Extract<AsbCaseEvent, { type: T }>;
