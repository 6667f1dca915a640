/**
 * What can be asked of an ASB case: one command per case mutation of API.md,
 * and a few more it implies (witnesses, flags, risk reviews, the appeal's
 * decision, reopening, and the news of the case's partner actions). The
 * schemas are the validation the API runs on input; their field paths are
 * the paths of its errors.
 */
import { z } from 'zod';
import { agencyIdSchema } from '../shared/actor.js';
import { checkRetentionReviewShape, retentionReviewFields } from '../shared/retention.js';
import { calendarDate, localId, plainText } from '../shared/values.js';
import { caseReviewProcedureSchema, complaintSchema } from './case-review.js';
import { breachSchema, checkInterventionShape, interventionSchema } from './interventions.js';
import { ageBandSchema, householdKeySchema, personalDetailsSchema, personIdSchema } from './personal-data.js';
import { currentRiskQuestionnaire, personFlagSchema, riskAnswersSchema, riskJudgementSchema, singlePointOfContactSchema } from './risk-assessment.js';

export const asbCaseReferenceSchema = z.string().regex(/^ASB-\d{4}-\d{4,}$/, 'a case reference such as ASB-2026-0131');

/** A place: described in words, and keyed when it is one of the partnership's known locations (to link incidents there). */
export const placeSchema = z.object({
  description: plainText(300, 'the place'),
  locationKey: localId.optional(),
});
export type Place = z.infer<typeof placeSchema>;

export const openingSchema = z.object({
  reference: asbCaseReferenceSchema,
  title: plainText(200, 'the title'),
  summary: plainText(4000, 'the summary'),
  /** The agency that owns the case and answers for it. */
  owningAgencyId: agencyIdSchema,
  location: placeSchema,
  neighbourhoodId: z.uuid().optional(),
  openedOn: calendarDate,
});
/** What opening a case takes from the caller: everything but the reference, which the year's book gives. */
export type OpenAsbCaseFields = Omit<z.infer<typeof openingSchema>, 'reference'>;

/** The categories of the National Standard for Incident Recording: aimed at a person, at a community, or at the environment. */
export const incidentCategorySchema = z.enum(['personal', 'nuisance', 'environmental']);

export const incidentKindSchema = z.enum([
  'noise',
  'rowdy-or-inconsiderate-behaviour',
  'intimidation-or-harassment',
  'criminal-damage-or-vandalism',
  'fireworks',
  'vehicle-nuisance',
  'drugs',
  'street-drinking',
  'begging',
  'littering-or-fly-tipping',
  'animal-nuisance',
  'neighbour-dispute',
  'other',
]);

/** The strands of hostility forces monitor; any one makes the incident hate-motivated. */
export const hateStrandSchema = z.enum(['race', 'religion', 'disability', 'sexual-orientation', 'transgender-identity', 'other']);

/** Who reported: a victim or witness on the case, a member of an agency's staff (a patrol, a housing officer), or someone who would not say. */
export const reporterSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), personId: personIdSchema }),
  z.object({ kind: z.literal('agency-staff'), agencyId: agencyIdSchema }),
  z.object({ kind: z.literal('anonymous') }),
]);
export type Reporter = z.infer<typeof reporterSchema>;

export const incidentReportSchema = z.object({
  reporter: reporterSchema,
  /** The agency the report was made to. */
  receivedBy: agencyIdSchema,
  reportedOn: calendarDate,
  /** The receiving agency's own reference (a police log number, a housing case number). */
  agencyReference: plainText(60, 'the agency’s reference').optional(),
});
export type IncidentReport = z.infer<typeof incidentReportSchema>;

export const incidentSchema = z.object({
  incidentId: localId,
  occurredOn: calendarDate,
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM')
    .optional(),
  where: placeSchema,
  category: incidentCategorySchema,
  kind: incidentKindSchema,
  description: plainText(4000, 'what happened'),
  hateMotivation: z.array(hateStrandSchema).max(6).default([]),
  /** The subjects on the case named in the incident. */
  subjectPersonIds: z.array(personIdSchema).max(50).default([]),
});

const flagSchema = z.object({ flag: personFlagSchema, reason: plainText(1000, 'the reason') });

const partyFields = {
  personId: personIdSchema,
  details: personalDetailsSchema,
  householdKey: householdKeySchema.optional(),
  recordedOn: calendarDate,
};

export const referralServiceSchema = z.enum(['marac', 'victim-support', 'family-intervention', 'mediation', 'youth-services', 'mental-health']);
export type ReferralService = z.infer<typeof referralServiceSchema>;

export const referralSchema = z.object({
  referralId: localId,
  service: referralServiceSchema,
  /** Who is referred: a victim, witness or subject on the case. */
  personId: personIdSchema,
  referredOn: calendarDate,
  reason: plainText(2000, 'the reason'),
  /** The partner agency that provides the service, when it is one. */
  toAgencyId: agencyIdSchema.optional(),
});

/** Who may apply on a victim's behalf, with their consent: the statutory guidance's list. */
export const representativeSchema = z.enum(['family', 'friend', 'carer', 'councillor', 'mp', 'professional', 'other']);

/** A decision that the threshold is met says on which route: the Act's, a local one, or the procedure's judgement of persistence, harm and response (s.104(5)). */
export const thresholdBasisSchema = z.enum(['qualifying-complaints', 'individuals-or-households', 'hate-incident', 'linked-location', 'persistence-harm-response']);
export type ThresholdBasis = z.infer<typeof thresholdBasisSchema>;

export const recommendationSchema = z.object({
  recommendationId: localId,
  toAgencyId: agencyIdSchema,
  recommendation: plainText(2000, 'the recommendation'),
  dueOn: calendarDate.optional(),
});

export const caseOutcomeSchema = z.enum(['resolved', 'improved', 'unresolved', 'victim-withdrew', 'transferred', 'no-further-action']);
export const satisfactionSchema = z.enum(['very-satisfied', 'satisfied', 'neither', 'dissatisfied', 'very-dissatisfied', 'declined-to-say', 'not-contactable']);
export type Satisfaction = z.infer<typeof satisfactionSchema>;

export const victimSatisfactionSchema = z.object({
  personId: personIdSchema,
  satisfaction: satisfactionSchema,
  comment: plainText(2000, 'the comment').optional(),
});

function uniqueBy<T>(key: (item: T) => string) {
  return (items: readonly T[]) => new Set(items.map(key)).size === items.length;
}

export const asbCaseCommandSchema = z.discriminatedUnion('type', [
  openingSchema.extend({ type: z.literal('OpenAsbCase') }),
  z.object({ type: z.literal('AddCasePartner'), agencyId: agencyIdSchema, reason: plainText(1000, 'the reason').optional() }),
  z.object({ type: z.literal('RemoveCasePartner'), agencyId: agencyIdSchema, reason: plainText(1000, 'the reason') }),

  incidentSchema
    .extend({ type: z.literal('ReportIncident'), report: incidentReportSchema })
    .refine((c) => c.report.reportedOn >= c.occurredOn, { message: 'a report cannot come before the incident it reports', path: ['report', 'reportedOn'] }),

  z.object({ type: z.literal('RecordVictim'), ...partyFields, flags: z.array(flagSchema).max(2).default([]) }),
  z.object({ type: z.literal('RecordWitness'), ...partyFields, flags: z.array(flagSchema).max(2).default([]) }),
  /** `estimatedAgeBand` says whether a subject is a child when no date of birth is known yet; no rule of the Act accepts an estimate. */
  z.object({ type: z.literal('RecordSubject'), ...partyFields, estimatedAgeBand: ageBandSchema.exclude(['unknown']).optional() }),
  z.object({ type: z.literal('CorrectPersonalDetails'), personId: personIdSchema, details: personalDetailsSchema, correctedOn: calendarDate }),
  z.object({ type: z.literal('FlagPerson'), personId: personIdSchema, flag: personFlagSchema, reason: plainText(1000, 'the reason'), flaggedOn: calendarDate }),

  z.object({
    type: z.literal('AssessVictimRisk'),
    personId: personIdSchema,
    questionnaireVersion: z.string().min(1).default(currentRiskQuestionnaire.version),
    answers: riskAnswersSchema,
    assessedOn: calendarDate,
    judgement: riskJudgementSchema.optional(),
    singlePointOfContact: singlePointOfContactSchema.optional(),
  }),
  z.object({ type: z.literal('ReviewVictimRisk'), personId: personIdSchema, reviewer: localId.default('supervisor'), reviewedOn: calendarDate, note: plainText(4000, 'the review note') }),

  interventionSchema.extend({ type: z.literal('RecordIntervention') }).superRefine(checkInterventionShape),
  breachSchema.extend({ type: z.literal('RecordBreach') }),
  referralSchema.extend({ type: z.literal('MakeReferral') }),

  z
    .object({
      type: z.literal('RequestCaseReview'),
      applicationId: localId,
      appliedOn: calendarDate,
      /** The victim the application is about, on this case. */
      applicantPersonId: personIdSchema,
      madeBy: z.enum(['victim', 'representative']),
      representative: representativeSchema.optional(),
      /** Every complaint about the behaviour, from this case and any other: the application gathers them. */
      complaints: z.array(complaintSchema).max(500).refine(uniqueBy((c: { complaintId: string }) => c.complaintId), 'each complaint needs its own complaintId'),
      procedure: caseReviewProcedureSchema.prefault({}),
    })
    .refine((c) => (c.madeBy === 'representative') === (c.representative !== undefined), {
      message: 'an application made by a representative says who they are to the victim (and only then)',
      path: ['representative'],
    }),
  z
    .object({
      type: z.literal('RecordCaseReviewDecision'),
      applicationId: localId,
      decidedOn: calendarDate,
      thresholdMet: z.boolean(),
      basis: thresholdBasisSchema.optional(),
      reason: plainText(4000, 'the reason'),
    })
    .refine((c) => c.thresholdMet === (c.basis !== undefined), { message: 'a threshold met says on what basis (and only then)', path: ['basis'] }),
  z.object({
    type: z.literal('RecordCaseReviewOutcome'),
    applicationId: localId,
    heldOn: calendarDate,
    agencies: z.array(agencyIdSchema).min(1, 'name the agencies that took part').max(30),
    findings: plainText(8000, 'the findings'),
    recommendations: z.array(recommendationSchema).max(50).refine(uniqueBy((r: { recommendationId: string }) => r.recommendationId), 'each recommendation needs its own recommendationId'),
  }),
  z.object({ type: z.literal('AppealCaseReview'), applicationId: localId, appealedOn: calendarDate, grounds: plainText(4000, 'the grounds') }),
  z.object({ type: z.literal('DecideCaseReviewAppeal'), applicationId: localId, decidedOn: calendarDate, upheld: z.boolean(), reason: plainText(4000, 'the reason') }),

  z.object({ type: z.literal('LinkCaseToPlan'), planId: z.uuid(), linkedOn: calendarDate, reason: plainText(1000, 'the reason').optional() }),
  z.object({
    type: z.literal('CloseAsbCase'),
    closedOn: calendarDate,
    outcome: caseOutcomeSchema,
    summary: plainText(4000, 'the summary'),
    victimSatisfaction: z.array(victimSatisfactionSchema).max(50).refine(uniqueBy((s: { personId: string }) => s.personId), 'one answer for each victim'),
  }),
  z.object({ type: z.literal('ReopenAsbCase'), reason: plainText(2000, 'the reason'), reopenedOn: calendarDate }),
  // MoPI: a closed case's retention review, by a supervisor or coordinator (domain/shared/retention.ts).
  z.object({ type: z.literal('RecordRetentionReview'), ...retentionReviewFields }).superRefine(checkRetentionReviewShape),

  // Sent by the handling of partner actions, not by people: a case knows which agencies its actions are with.
  z.object({ type: z.literal('LinkCaseAction'), actionId: z.uuid(), agencyId: agencyIdSchema, description: plainText(1000, 'the action'), dueOn: calendarDate }),
  z.object({ type: z.literal('NoteCaseActionReassigned'), actionId: z.uuid(), agencyId: agencyIdSchema, previousAgencyId: agencyIdSchema }),
  z.object({ type: z.literal('NoteCaseActionOutcome'), actionId: z.uuid(), status: z.enum(['done', 'cancelled']), on: calendarDate }),

  z.object({ type: z.literal('AcknowledgeAlert'), alertId: z.string().regex(/^alert-[1-9][0-9]{0,5}$/, 'an alert id such as alert-3') }),
]);
export type AsbCaseCommand = z.infer<typeof asbCaseCommandSchema>;
export type AsbCaseCommandOf<T extends AsbCaseCommand['type']> = Extract<AsbCaseCommand, { type: T }>;
