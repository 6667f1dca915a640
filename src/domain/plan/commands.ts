/**
 * What can be asked of a SARA problem-solving plan: one command per mutation
 * of API.md, each holding a section of the minimum content of ACPO 2006
 * 4.7.4 (DOMAIN.md). The schemas are the validation the API runs on input.
 */
import { z } from 'zod';
import { agencyIdSchema } from '../shared/actor.js';
import { checkRetentionReviewShape, retentionReviewFields } from '../shared/retention.js';
import { calendarDate, localId, personRefSchema, plainText, raisingPartySchema, representsSchema, riskLevelSchema } from '../shared/values.js';

export const planStageSchema = z.enum(['scanning', 'analysis', 'response', 'assessment', 'closed']);
export type PlanStage = z.infer<typeof planStageSchema>;

/** The stages a plan works in; `closed` is reached only by closing it. */
export const workingStageSchema = planStageSchema.exclude(['closed']);

/** How an objective's aim is classed on the impact scale forces use (DOMAIN.md, 4.7.4 item 1). */
/** Strict: a per cent sent with an aim that is not `reduce` is a mistake to name, not a value to drop. */
export const aimSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('eliminate') }),
  z.strictObject({ kind: z.literal('reduce'), byPercent: z.number({ error: 'a reduce aim says by how many per cent' }).gt(0).max(100, 'at most 100 per cent') }),
  z.strictObject({ kind: z.literal('reduce-seriousness') }),
  z.strictObject({ kind: z.literal('handle-more-efficiently') }),
  z.strictObject({ kind: z.literal('hand-over'), to: plainText(160, 'who takes it over') }),
]);
export type Aim = z.infer<typeof aimSchema>;

/** SMART: a measure, a baseline, a target and a date. `direction` says whether success is the number going down or up. */
export const objectiveSchema = z.object({
  objectiveId: localId,
  statement: plainText(500, 'the objective'),
  measure: plainText(300, 'the measure'),
  baseline: z.number().finite(),
  target: z.number().finite(),
  direction: z.enum(['decrease', 'increase']).default('decrease'),
  byDate: calendarDate,
  aim: aimSchema,
});
export type Objective = z.infer<typeof objectiveSchema>;

export const scanningSourceSchema = z.enum(['calls-for-service', 'partner-data', 'community-engagement', 'crime-records', 'patrol-observation', 'other']);

export const scanningSchema = z.object({
  initialIndicators: z.array(plainText(300, 'an indicator')).min(1, 'name at least one initial indicator').max(20),
  description: plainText(4000, 'the description of the problem'),
  where: plainText(500, 'where'),
  when: plainText(500, 'when'),
  reportedBy: plainText(500, 'who reported it'),
  sources: z.array(scanningSourceSchema).min(1, 'name at least one source').max(6),
  whyPrioritised: plainText(2000, 'why it was prioritised'),
});

/** The problem analysis triangle: each side with the controller who can act on it. */
export const triangleSchema = z.object({
  offender: z.object({ description: plainText(1000, 'the offender side'), handler: plainText(500, 'the handler') }),
  target: z.object({ description: plainText(1000, 'the victim or target side'), guardian: plainText(500, 'the guardian') }),
  place: z.object({ description: plainText(1000, 'the place side'), manager: plainText(500, 'the place manager') }),
});

export const problemMatrixSchema = z.object({
  what: plainText(1000, 'what'),
  offenders: plainText(1000, 'who offends'),
  victims: plainText(1000, 'who or what is victimised'),
  where: plainText(1000, 'where'),
  when: plainText(1000, 'when'),
  how: plainText(1000, 'how'),
  howOften: plainText(1000, 'how often'),
  impact: plainText(1000, 'what impact'),
  repeats: plainText(1000, 'are there repeats'),
});

export const analysisSchema = z.object({
  problemMatrix: problemMatrixSchema,
  triangle: triangleSchema,
  hypotheses: z.array(plainText(1000, 'a hypothesis')).min(1, 'state at least one hypothesis').max(20),
  dataUsed: z.array(plainText(500, 'a data source')).min(1, 'name the data looked at').max(30),
});

export const responseStrandSchema = z.enum(['prevention', 'intelligence', 'enforcement']);
export type ResponseStrand = z.infer<typeof responseStrandSchema>;

export const displacementKindSchema = z.enum(['temporal', 'spatial', 'target', 'tactical', 'offence']);
export type DisplacementKind = z.infer<typeof displacementKindSchema>;

/** Displacement looked for, kind by kind: most projects never check; Casebook asks for all five. */
const displacementCheck = z.object(
  { found: z.boolean(), note: plainText(1000, 'what was looked at') },
  { error: 'say whether this kind of displacement was found, and what was looked at' },
);

/** The payloads a command and the event recording it share. */
export const openingSchema = z.object({
  reference: z.string().regex(/^PSP-\d{4}-\d{4,}$/, 'a plan reference such as PSP-2026-0007'),
  title: plainText(200, 'the title'),
  description: plainText(4000, 'the description').optional(),
  neighbourhoodId: z.uuid(),
  priorityId: z.uuid().optional(),
  raisedBy: z
    .array(raisingPartySchema)
    .min(1, 'name who raised the problem: they must be satisfied before it closes')
    .max(20)
    .refine((parties) => new Set(parties.map((p) => p.partyId)).size === parties.length, 'each party needs its own partyId'),
  openedOn: calendarDate,
});

/** What opening a plan takes from the caller: everything but the reference, which the year's book gives. */
export type OpenPlanFields = Omit<z.infer<typeof openingSchema>, 'reference'>;

export const responsePlanSchema = z.object({
  strand: responseStrandSchema,
  plan: plainText(4000, 'the plan'),
  communicationStrategy: plainText(2000, 'the communication strategy'),
  communityEngagement: plainText(2000, 'the community engagement').optional(),
});

export const meetingSchema = z.object({
  meetingId: localId,
  heldOn: calendarDate,
  chair: plainText(160, 'the chair'),
  attendees: z.array(personRefSchema).min(1, 'name who attended').max(60),
  decisions: z.array(plainText(1000, 'a decision')).max(50),
  actionsAgreed: z.array(plainText(500, 'an action agreed')).max(50),
});

export const measurementSchema = z.object({
  objectiveId: localId,
  measuredOn: calendarDate,
  value: z.number().finite(),
  comparisonAreaValue: z.number().finite().optional(),
  note: plainText(1000, 'the note').optional(),
});

export const conclusionSchema = z.object({
  concludedOn: calendarDate,
  impact: z
    .array(z.object({ objectiveId: localId, met: z.boolean(), note: plainText(1000, 'the note') }))
    .min(1)
    .max(50)
    .refine((judged) => new Set(judged.map((i) => i.objectiveId)).size === judged.length, 'judge each objective once'),
  whatWorked: plainText(4000, 'what worked'),
  whatDidNot: plainText(4000, 'what did not work'),
  displacement: z.object({
    temporal: displacementCheck,
    spatial: displacementCheck,
    target: displacementCheck,
    tactical: displacementCheck,
    offence: displacementCheck,
  }),
  diffusionOfBenefits: plainText(2000, 'the diffusion of benefits'),
});

export const planCommandSchema = z.discriminatedUnion('type', [
  openingSchema.extend({ type: z.literal('OpenPlan') }),
  z.object({ type: z.literal('AssignPlanOwner'), owner: personRefSchema }),
  z.object({ type: z.literal('AddPlanPartner'), representative: personRefSchema }),
  z.object({ type: z.literal('RemovePlanPartner'), representative: representsSchema, reason: plainText(500, 'the reason') }),
  z.object({ type: z.literal('AddRaisingParty'), party: raisingPartySchema }),
  z.object({ type: z.literal('SetObjective'), objective: objectiveSchema }),
  z.object({ type: z.literal('RecordScanning'), scanning: scanningSchema }),
  z.object({ type: z.literal('RecordAnalysis'), analysis: analysisSchema }),
  responsePlanSchema.extend({ type: z.literal('RecordResponsePlan') }),
  z.object({ type: z.literal('AssessPlanRisk'), level: riskLevelSchema, reasons: plainText(2000, 'the reasons'), assessedOn: calendarDate }),
  z.object({ type: z.literal('AssessCommunityImpact'), level: riskLevelSchema, reasons: plainText(2000, 'the reasons'), assessedOn: calendarDate }),
  meetingSchema.extend({ type: z.literal('RecordMeeting') }),
  z.object({ type: z.literal('ScheduleReview'), reviewId: localId, dueOn: calendarDate }),
  z.object({ type: z.literal('CompleteReview'), reviewId: localId, doneOn: calendarDate, finding: plainText(4000, 'the finding'), nextReviewOn: calendarDate.optional() }),
  z.object({ type: z.literal('AdvancePlanStage'), to: workingStageSchema }),
  measurementSchema.extend({ type: z.literal('RecordResultMeasurement') }),
  conclusionSchema.extend({ type: z.literal('ConcludeResultsAnalysis') }),
  z.object({ type: z.literal('ProposeClosure'), justification: plainText(4000, 'the justification'), proposedOn: calendarDate }),
  z.object({ type: z.literal('SignOffClosure'), partyId: localId, satisfied: z.boolean(), comment: plainText(2000, 'the comment'), signedOn: calendarDate }),
  z.object({ type: z.literal('ClosePlan'), closedOn: calendarDate }),
  z.object({ type: z.literal('ReopenPlan'), reason: plainText(2000, 'the reason'), reopenedOn: calendarDate, resumeAt: workingStageSchema.default('assessment') }),
  z.object({ type: z.literal('EscalatePlan'), resourceRequested: plainText(2000, 'the resource asked for'), reason: plainText(2000, 'the reason'), escalatedOn: calendarDate }),
  // MoPI: a closed plan's retention review, by a supervisor or coordinator (domain/shared/retention.ts).
  z.object({ type: z.literal('RecordRetentionReview'), ...retentionReviewFields }).superRefine(checkRetentionReviewShape),
  // Sent by the handling of partner actions, not by people: a plan knows its response actions and how they went.
  z.object({ type: z.literal('LinkResponseAction'), actionId: z.uuid(), agencyId: agencyIdSchema, description: plainText(1000, 'the action'), dueOn: calendarDate }),
  // Each carries what it replaces: a plan whose copy no longer holds that has heard it already (a replay) and does nothing.
  z.object({ type: z.literal('NoteResponseActionRescheduled'), actionId: z.uuid(), dueOn: calendarDate, previousDueOn: calendarDate }),
  z.object({ type: z.literal('NoteResponseActionReassigned'), actionId: z.uuid(), agencyId: agencyIdSchema, previousAgencyId: agencyIdSchema }),
  z.object({
    type: z.literal('NoteResponseActionOutcome'),
    actionId: z.uuid(),
    status: z.enum(['done', 'cancelled']),
    on: calendarDate,
  }),
]);
export type PlanCommand = z.infer<typeof planCommandSchema>;
