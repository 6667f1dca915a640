/**
 * Every mutation on an ASB case: API.md's (`openAsbCase`, `reportIncident`,
 * `recordVictim`, `recordSubject`, `assessVictimRisk`, `recordIntervention`,
 * `recordBreach`, `makeReferral`, `requestCaseReview`, `linkCaseToPlan`,
 * `closeAsbCase`, `acknowledgeAlert`, `recordCaseReviewDecision`,
 * `recordCaseReviewOutcome`, `appealCaseReview`) and those the case's commands
 * imply (partners, witnesses, corrections, flags, risk reviews, the appeal's
 * decision, reopening, a further report of an incident).
 *
 * Each takes `input { asbCaseId, expectedRevision, idempotencyKey, ...the
 * command's fields }` and answers `AsbCasePayload` or a typed error, along
 * the one path of `defineStreamMutation` (stream-mutation.ts):
 * the case must be in the caller's sight (else `NotFound`, word for word as
 * for none), the caller may change things (else `Forbidden`), the command's
 * own zod schema validates the input (paths are the input's), then the
 * command is carried out and the answer waits for the read models. Its
 * `prepare` step, between the auditor's refusal and validation, is where the
 * application adds to the command what it knows and the caller does not send: a new person's id, the questionnaire's answers as a record,
 * the complaints a case review gathers, an incident's facts for a further
 * report, a plan in sight.
 */
import type { z } from 'zod';
import { asbCaseStream, asbCaseStreamName, openAsbCase } from '../../../app/asb-case-stream.js';
import { type CommandOptions, type CommandResult, newEntityId } from '../../../app/command-handler.js';
import { EntityNotFound, type FieldError, InputValidationError } from '../../../app/errors.js';
import type { Complaint } from '../../../domain/asb-case/case-review.js';
import { type AsbCaseCommand, asbCaseCommandSchema } from '../../../domain/asb-case/commands.js';
import { currentRiskQuestionnaire } from '../../../domain/asb-case/risk-assessment.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { localId } from '../../../domain/shared/values.js';
import { type AsbCaseView, complaintsAboutVictims } from '../../../projections/asb-cases.js';
import { neighbourhoodsProjection } from '../../../projections/neighbourhoods.js';
import type { GraphQLContext } from '../../context.js';
import { builder, type InputFields } from '../builder.js';
import { commandOptions, controlFields, readYourWrites, refuseExpectedRevisionOnCreation, typedRefusal, validated } from '../commanding.js';
import { mutationErrors, resultUnion } from '../errors.js';
import { defineStreamMutation, memberOf, withoutNulls } from '../stream-mutation.js';
import {
  AgeBandEnum,
  AgencyKindEnum,
  AsbCaseRef,
  CaseOutcomeEnum,
  CaseReviewApplicantEnum,
  HateStrandEnum,
  IncidentCategoryEnum,
  IncidentKindEnum,
  InterventionKindEnum,
  PersonFlagEnum,
  ReferralServiceEnum,
  RepresentativeEnum,
  ThresholdBasisEnum,
} from './case-type.js';
import {
  CaseReviewRecommendationInput,
  ConvictionInput,
  IncidentReportInput,
  inputTexts,
  InterventionAuthorisationInput,
  PersonalDetailsInput,
  PersonFlagInput,
  PlaceInput,
  RiskAnswerInput,
  RiskJudgementInput,
  SinglePointOfContactInput,
  VictimSatisfactionInput,
} from './inputs.js';

const { LOCAL_ID, PERSON_ID, AGENCY_ID } = inputTexts;

// ---------------------------------------------------------------------------
// The payload, and the path every case mutation takes

export interface AsbCasePayloadShape {
  readonly asbCase: AsbCaseView;
  readonly deduplicated: boolean;
  readonly personId: string | null;
}

export const AsbCasePayload = builder.objectRef<AsbCasePayloadShape>('AsbCasePayload').implement({
  description: 'The ASB case as it stands after the change (read-your-writes: the change is in it).',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'asbCase' in value && 'personId' in value && 'deduplicated' in value,
  fields: (t) => ({
    asbCase: t.field({ type: AsbCaseRef, description: 'The case as it stands after the change.', resolve: (p) => p.asbCase }),
    deduplicated: t.exposeBoolean('deduplicated', { description: 'True when this idempotency key was handled before and this is that first result.' }),
    personId: t.string({
      nullable: true,
      description:
        'For `recordVictim`, `recordWitness` and `recordSubject`: the person recorded, by the id you gave or the one Casebook made. Use it for the person on this and any other case. Null for every other mutation.',
      resolve: (p) => p.personId,
    }),
  }),
});

type Fields = Record<string, unknown>;
type GlobalId = { readonly typename: string; readonly id: string };
type CaseCommandType = AsbCaseCommand['type'];

function commandSchema<T extends CaseCommandType>(type: T): z.ZodType<Extract<AsbCaseCommand, { type: T }>> {
  return memberOf<AsbCaseCommand, T>(asbCaseCommandSchema, type);
}

/** The case as the caller may see it; `NotFound` if it is not in their sight, exactly as if there were none. */
function caseInSight(ctx: GraphQLContext, globalId: GlobalId | null | undefined): AsbCaseView {
  const view = globalId?.typename === 'AsbCase' ? ctx.records.asbCase(globalId.id) : undefined;
  if (!view) throw new EntityNotFound('The ASB case');
  return view;
}

/** The answer once the change is in the read models: the case as this caller now sees it (its own change always). */
function answer(ctx: GraphQLContext, caseId: string, result: CommandResult<unknown>, personId: string | null): AsbCasePayloadShape {
  ctx.records.changed(caseId);
  return { asbCase: caseInSight(ctx, { typename: 'AsbCase', id: caseId }), deduplicated: result.deduplicated, personId };
}

type FieldRefs = Record<string, ReturnType<InputFields['string']> | ReturnType<InputFields['field']>>;

interface CaseMutation<T extends CaseCommandType> {
  readonly name: string;
  readonly command: T;
  readonly description: string;
  /** The input's own fields (`asbCaseId` and the two controls are added). */
  readonly fields: (t: InputFields) => FieldRefs;
  /**
   * The command's fields from the input's: what the application adds or
   * reshapes, never taken from the caller. Runs once the case is found in
   * sight and the caller may change it, before validation.
   */
  readonly prepare?: (ctx: GraphQLContext, view: AsbCaseView, fields: Fields, options: CommandOptions) => Fields;
}

function defineCaseMutation<T extends CaseCommandType>(spec: CaseMutation<T>): void {
  const { prepare } = spec;
  defineStreamMutation({
    name: spec.name,
    description: spec.description,
    command: spec.command,
    typename: 'AsbCase',
    what: 'ASB case',
    schema: commandSchema(spec.command) as z.ZodType<AsbCaseCommand>,
    kind: asbCaseStream,
    streamName: asbCaseStreamName,
    exists: (ctx, id) => ctx.records.asbCase(id) !== undefined,
    payload: AsbCasePayload,
    fields: spec.fields,
    ...(prepare ? { prepare: (ctx: GraphQLContext, id: string, fields: Fields, options: CommandOptions) => prepare(ctx, ctx.records.asbCase(id)!, fields, options) } : {}),
    answer: (ctx, id, result, command) => answer(ctx, id, result, recordedPerson(command)),
  });
}

/** The person a party-recording command names, for the payload. */
function recordedPerson(command: AsbCaseCommand): string | null {
  return command.type === 'RecordVictim' || command.type === 'RecordWitness' || command.type === 'RecordSubject' ? command.personId : null;
}

/** Codes every mutation by an agency on the case can answer, after its own. */
const ON_CASE = 'Any agency on the case (or a coordinator) does this: `ASB_CASE_NOT_ON_CASE` for another that sees the case (a supervisor’s, say).';
const NOT_WHEN_CLOSED = '`ASB_CASE_CLOSED` once the case is closed, until it is reopened.';
const OWNER_ONLY = 'Only the owning agency (or a coordinator) does this: `ASB_CASE_OWNER_ONLY` for anyone else.';

// ---------------------------------------------------------------------------
// Opening

const OpenAsbCaseInput = builder.inputType('OpenAsbCaseInput', {
  description: 'What `openAsbCase` takes: the new case, and optionally an `idempotencyKey`. A new case has no revision: leave `expectedRevision` out.',
  fields: (t) => ({
    owningAgencyId: t.string({
      required: true,
      description: `The agency that owns the case and answers for it. ${AGENCY_ID} A partner opens cases for its own agency only (\`ASB_CASE_OWNER_ONLY\`); a coordinator for any.`,
    }),
    title: t.string({ required: true, description: 'A short title, up to 200 characters. Seen by every coordinator: name no private person in it.' }),
    summary: t.string({ required: true, description: 'What the case is about, up to 4,000 characters.' }),
    location: t.field({ type: PlaceInput, required: true, description: 'Where the behaviour happens.' }),
    neighbourhoodId: t.string({ required: false, description: 'The neighbourhood (a UUID) the case is in, if known: one the partnership has defined, as `neighbourhoods` lists them.' }),
    openedOn: t.field({ type: 'Date', required: true, description: 'The day the case was opened; not in the future. Its year is the year of the reference.' }),
    ...controlFields(t, { creates: true }),
  }),
});

const openingSchema = commandSchema('OpenAsbCase');

/** A case is in a neighbourhood the partnership has defined, when it names one (as a plan is). */
function refuseUnknownNeighbourhood(ctx: GraphQLContext, neighbourhoodId: string | undefined): void {
  if (neighbourhoodId === undefined) return;
  if (!ctx.casebook.projections.model(neighbourhoodsProjection).get(neighbourhoodId)?.state.neighbourhood) {
    throw new InputValidationError([{ path: 'neighbourhoodId', message: 'no such neighbourhood: `neighbourhoods` lists them with their ids' }]);
  }
}

builder.mutationField('openAsbCase', (t) =>
  t.field({
    type: AsbCasePayload,
    description:
      'Opens an ASB case with the next reference of its year (ASB-2026-0131). The case’s id comes from the idempotency key when there is one, so a retried open lands on the same case. Codes: `ASB_CASE_OWNER_ONLY` (a partner opening a case for another agency), `DATE_IN_FUTURE`.',
    errors: { types: mutationErrors, directResult: true, union: resultUnion('openAsbCase', 'AsbCasePayload') },
    args: { input: t.arg({ type: OpenAsbCaseInput, required: true, description: 'The new case, and optionally an idempotencyKey.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { expectedRevision, idempotencyKey, ...fields } = input;
      const options = commandOptions(ctx, { idempotencyKey });
      refuseExpectedRevisionOnCreation(expectedRevision, 'case');
      // Validated with a stand-in reference: the real one is given only to an opening that will be written.
      const { type: _type, reference: _reference, ...opening } = validated(openingSchema, { type: 'OpenAsbCase', reference: 'ASB-0000-0001', ...(withoutNulls(fields) as Fields) });
      refuseUnknownNeighbourhood(ctx, opening.neighbourhoodId);
      const caseId = newEntityId(ctx.principal, options.idempotencyKey, 'asbcase');
      let result;
      try {
        result = await openAsbCase(ctx.casebook.commands, caseId, opening, ctx.casebook.clock(), options);
      } catch (error) {
        throw typedRefusal(error);
      }
      await readYourWrites(ctx, result);
      return answer(ctx, caseId, result, null);
    },
  }),
);

// ---------------------------------------------------------------------------
// Partners

defineCaseMutation({
  name: 'addCasePartner',
  command: 'AddCasePartner',
  description: `Adds an agency to the case as a partner, with why: it then sees the case and the people on it, works on it, and is alerted with the others. Adding the owner, or a partner already there, changes nothing. ${OWNER_ONLY} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    agencyId: t.string({ required: true, description: `The agency to add. ${AGENCY_ID}` }),
    reason: t.string({ required: false, description: 'Why it joins, up to 1,000 characters.' }),
  }),
});

defineCaseMutation({
  name: 'removeCasePartner',
  command: 'RemoveCasePartner',
  description: `Removes a partner agency from the case, with why. It no longer sees the case unless an action of the case is with it. Codes: \`CASE_PARTNER_NOT_FOUND\`. ${OWNER_ONLY} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    agencyId: t.string({ required: true, description: `The partner agency to remove. ${AGENCY_ID}` }),
    reason: t.string({ required: true, description: 'Why it leaves, up to 1,000 characters.' }),
  }),
});

// ---------------------------------------------------------------------------
// Incidents

const incidentFields = (t: InputFields): FieldRefs => ({
  incidentId: t.string({ required: true, description: `Your id for the incident on this case (${LOCAL_ID}, e.g. \`2026-11-14-fireworks\`).` }),
  occurredOn: t.field({ type: 'Date', required: true, description: 'The day it happened; not in the future.' }),
  time: t.string({ required: false, description: 'The time it happened, as HH:MM (24-hour), if known.' }),
  where: t.field({ type: PlaceInput, required: true, description: 'Where it happened.' }),
  category: t.field({
    type: IncidentCategoryEnum,
    required: true,
    description: 'The National Standard for Incident Recording category: `personal` (aimed at a person or group), `nuisance` (at a community) or `environmental` (at the surroundings).',
  }),
  kind: t.field({ type: IncidentKindEnum, required: true, description: 'What kind of behaviour it was.' }),
  description: t.string({ required: true, description: 'What happened, up to 4,000 characters.' }),
  hateMotivation: t.field({
    type: [HateStrandEnum],
    required: false,
    description: 'The strands of hostility it was motivated by, if any (any one makes it a hate incident), up to 6. Left out: none.',
  }),
  subjectPersonIds: t.stringList({ required: false, description: `The subjects on the case named in it, up to 50: each a person id of a subject already recorded (\`SUBJECT_NOT_FOUND\` otherwise). Left out: none.` }),
  report: t.field({ type: IncidentReportInput, required: true, description: 'Its first report: who made it, to which agency, and when.' }),
});

defineCaseMutation({
  name: 'reportIncident',
  command: 'ReportIncident',
  description: `Records an incident on the case with its first report. The same \`incidentId\` sent again with the same day, kind and place is the same incident reported again: the report is added to it (an identical report changes nothing), as \`addIncidentReport\` does; with another day, kind or place it is \`INCIDENT_ID_TAKEN\`. Codes: \`INCIDENT_REPORTER_NOT_FOUND\` (a reporting person who is not a victim or witness on the case), \`SUBJECT_NOT_FOUND\`, \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: incidentFields,
});

defineCaseMutation({
  name: 'addIncidentReport',
  command: 'ReportIncident',
  description: `Adds a further report of an incident already on the case: reported again by someone else, or to another agency. It stays one incident, which a case review counts once. Casebook takes the incident’s facts from the case; you send only the report. An identical report changes nothing. Codes: \`INCIDENT_NOT_FOUND\`, \`INCIDENT_REPORTER_NOT_FOUND\`, \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    incidentId: t.string({ required: true, description: 'The incident’s id on this case, as given to `reportIncident`.' }),
    report: t.field({ type: IncidentReportInput, required: true, description: 'The further report: who made it, to which agency, and when (not before the incident).' }),
  }),
  prepare: (_ctx, view, fields) => {
    const id = localId.safeParse(fields.incidentId);
    if (!id.success) throw InputValidationError.fromZod(id.error, 'incidentId');
    const incident = view.asbCase.incidents.get(id.data);
    if (!incident) throw new DomainError('INCIDENT_NOT_FOUND', `No incident "${id.data}" on ${view.asbCase.reference}: record it with reportIncident first.`);
    const { reports: _reports, ...facts } = incident;
    return { ...facts, report: fields.report };
  },
});

// ---------------------------------------------------------------------------
// People

/** The person's id: the one the caller gave (a person known from another case), or a new one, derived from the idempotency key when there is one so a retry names the same person. */
function withPersonId(ctx: GraphQLContext, view: AsbCaseView, fields: Fields, options: CommandOptions): Fields {
  return { ...fields, personId: fields.personId ?? newEntityId(ctx.principal, options.idempotencyKey, `person:${view.caseId}`) };
}

const PERSON_ID_CHOICE =
  'The person’s id (a UUID): give the id of someone already known on another case to name the same person there, so their cases and complaints are linked. Left out, Casebook makes one (from your idempotencyKey when you send one, so a retry names the same person) and answers it as `personId` in the payload.';

const partyFields = (t: InputFields, role: string): FieldRefs => ({
  personId: t.string({ required: false, description: PERSON_ID_CHOICE }),
  details: t.field({ type: PersonalDetailsInput, required: true, description: `Who the ${role} is and how to reach them: personal data, read only by the agencies on the case and by auditors.` }),
  householdKey: t.string({
    required: false,
    description:
      'The application’s key for their address (a UPRN, or its own id): letters, digits, colons, underscores or hyphens, up to 64. Households are matched on it, never on the address; a case review counts complaints across cases by it.',
  }),
  recordedOn: t.field({ type: 'Date', required: true, description: `The day the ${role} was recorded; not in the future.` }),
});

const flagsField = (t: InputFields): FieldRefs => ({
  flags: t.field({
    type: [PersonFlagInput],
    required: false,
    description: 'Flags to record with them, at most 2 (vulnerable, intimidated): each alerts every agency on the case at once. Left out: none.',
  }),
});

defineCaseMutation({
  name: 'recordVictim',
  command: 'RecordVictim',
  description: `Records a victim on the case, with their personal details and any flags. Their risk is then assessed with \`assessVictimRisk\`. Codes: \`PERSON_ALREADY_RECORDED\` (already a victim here: correct their details instead), \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({ ...partyFields(t, 'victim'), ...flagsField(t) }),
  prepare: withPersonId,
});

defineCaseMutation({
  name: 'recordWitness',
  command: 'RecordWitness',
  description: `Records a witness on the case, with their personal details and any flags. Codes: \`PERSON_ALREADY_RECORDED\`, \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({ ...partyFields(t, 'witness'), ...flagsField(t) }),
  prepare: withPersonId,
});

defineCaseMutation({
  name: 'recordSubject',
  command: 'RecordSubject',
  description: `Records a subject (a person whose behaviour the case is about), with their personal details. Their age band on the day is kept with them, so whether a child is involved reads without the date of birth. Codes: \`PERSON_ALREADY_RECORDED\`, \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    ...partyFields(t, 'subject'),
    estimatedAgeBand: t.field({
      type: AgeBandEnum,
      required: false,
      description:
        'The recorder’s estimate of their age band (not `unknown`): whether a child is involved, when no date of birth is known yet. No power of the Act accepts an estimate: those that turn on age still need the date of birth.',
    }),
  }),
  prepare: withPersonId,
});

defineCaseMutation({
  name: 'correctPersonalDetails',
  command: 'CorrectPersonalDetails',
  description: `Corrects a victim’s, witness’s or subject’s personal details: the details sent replace those held (a field left out is removed). The same details as now change nothing; a subject’s age band follows a new date of birth. Codes: \`PERSON_NOT_ON_CASE\`, \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    personId: t.string({ required: true, description: PERSON_ID }),
    details: t.field({ type: PersonalDetailsInput, required: true, description: 'The details as they should now stand, whole.' }),
    correctedOn: t.field({ type: 'Date', required: true, description: 'The day of the correction; not in the future.' }),
  }),
});

defineCaseMutation({
  name: 'flagPerson',
  command: 'FlagPerson',
  description: `Flags a victim or witness vulnerable or intimidated, with why, and alerts every agency on the case at once. A flag already there changes nothing. Codes: \`PERSON_NOT_FLAGGABLE\` (a subject), \`PERSON_NOT_ON_CASE\`, \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    personId: t.string({ required: true, description: `The victim or witness. ${PERSON_ID}` }),
    flag: t.field({ type: PersonFlagEnum, required: true, description: '`vulnerable` or `intimidated`.' }),
    reason: t.string({ required: true, description: 'Why, up to 1,000 characters.' }),
    flaggedOn: t.field({ type: 'Date', required: true, description: 'The day of the flag; not in the future.' }),
  }),
});

// ---------------------------------------------------------------------------
// The victim's risk

const questionnaire = currentRiskQuestionnaire;

defineCaseMutation({
  name: 'assessVictimRisk',
  command: 'AssessVictimRisk',
  description: `Assesses a victim’s risk with the shared questionnaire, every question answered yes or no: each yes adds its question’s weight, and the score gives the level (${questionnaire.version}: medium from ${questionnaire.thresholds.medium}, high from ${questionnaire.thresholds.high}). Professional judgement may raise the level, with a reason. The assessment, its score and level are kept with the version used; a high level alerts every agency on the case at once. Codes: \`VICTIM_NOT_FOUND\`, \`RISK_QUESTIONNAIRE_UNKNOWN\`, \`RISK_ANSWERS_INCOMPLETE\` (names the questions not answered), \`RISK_ANSWER_TO_UNKNOWN_QUESTION\`, \`RISK_JUDGEMENT_NOT_HIGHER\`, \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    personId: t.string({ required: true, description: `The victim. ${PERSON_ID}` }),
    questionnaireVersion: t.string({ required: false, description: `The questionnaire version answered. Left out: the current one, \`${questionnaire.version}\`.` }),
    answers: t.field({
      type: [RiskAnswerInput],
      required: true,
      description: `One answer for each question of the version, each question once (a question twice is a \`ValidationError\` on its \`answers.N.questionId\`). ${questionnaire.version} asks: ${questionnaire.questions.map((q) => `\`${q.id}\``).join(', ')}.`,
    }),
    assessedOn: t.field({ type: 'Date', required: true, description: 'The day of the assessment; not in the future.' }),
    judgement: t.field({ type: RiskJudgementInput, required: false, description: 'Professional judgement raising the level the answers score, with why. Left out: the scored level stands.' }),
    singlePointOfContact: t.field({
      type: SinglePointOfContactInput,
      required: false,
      description: 'The named officer who keeps in touch with the victim. Left out: the one named before, if any, stays.',
    }),
  }),
  prepare: (_ctx, _view, fields) => {
    const answers = (fields.answers ?? []) as ReadonlyArray<{ readonly questionId: string; readonly yes: boolean }>;
    const given = new Map<string, boolean>();
    const twice: FieldError[] = [];
    answers.forEach((a, i) => {
      if (given.has(a.questionId)) twice.push({ path: `answers.${i}.questionId`, message: `"${a.questionId}" is answered already: answer each question once` });
      given.set(a.questionId, a.yes);
    });
    if (twice.length > 0) throw new InputValidationError(twice);
    return { ...fields, answers: Object.fromEntries(given) };
  },
});

defineCaseMutation({
  name: 'reviewVictimRisk',
  command: 'ReviewVictimRisk',
  description: `A supervisor reviews a victim’s risk, on the partnership’s cadence for the level (by default medium every 28 days, high every 14). Codes: \`RISK_REVIEW_NEEDS_SUPERVISOR\` (the caller is not a supervisor), \`VICTIM_NOT_FOUND\`, \`RISK_NOT_ASSESSED\`, \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    personId: t.string({ required: true, description: `The victim. ${PERSON_ID}` }),
    reviewer: t.string({
      required: false,
      description: `Which of the cadence’s reviewers this review is (${LOCAL_ID}, e.g. \`sergeant\`, \`inspector\`): it restarts that reviewer’s clock. Left out: \`supervisor\`, the default cadence’s.`,
    }),
    reviewedOn: t.field({ type: 'Date', required: true, description: 'The day of the review; not in the future.' }),
    note: t.string({ required: true, description: 'What the review found, up to 4,000 characters.' }),
  }),
});

// ---------------------------------------------------------------------------
// Interventions, breaches, referrals

defineCaseMutation({
  name: 'recordIntervention',
  command: 'RecordIntervention',
  description: `Records an intervention on the escalation ladder, once the preconditions the Anti-social Behaviour, Crime and Policing Act 2014 puts on its power hold. Shape (a \`ValidationError\` on the field): a power over a person names \`subjectPersonId\`; a dispersal direction and a closure notice give \`durationHours\`; a dispersal direction and a PSPO name the \`place\`; \`expiresOn\` is not before \`issuedOn\`. The Act’s preconditions (a \`RuleViolation\`): \`CPN_NEEDS_PRIOR_WARNING\` (a community protection notice needs a written warning, a CPW, given to the subject on an earlier day), \`CPN_SUBJECT_UNDER_16\`, \`CPN_ISSUER_NOT_EMPOWERED\` (police, council or a designated landlord), \`INJUNCTION_RESPONDENT_UNDER_10\`, \`INJUNCTION_TOO_LONG_FOR_UNDER_18\` (12 months at most), \`CBO_NEEDS_CONVICTION\`, \`DISPERSAL_POLICE_ONLY\`, \`DISPERSAL_NEEDS_INSPECTOR\`, \`DISPERSAL_TOO_LONG\` (48 hours), \`CLOSURE_NOTICE_TOO_LONG\` (48 hours), \`CLOSURE_ORDER_TOO_LONG\` (3 months), \`PSPO_COUNCIL_ONLY\`, \`PSPO_TOO_LONG\` (3 years), \`SUBJECT_AGE_UNKNOWN\` (a power that turns on age, for a subject with no date of birth). Also: \`INTERVENTION_ALREADY_RECORDED\`, \`SUBJECT_NOT_FOUND\`, \`INTERVENTION_NOT_FOUND\` (\`followsInterventionId\`), \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    interventionId: t.string({ required: true, description: `Your id for the intervention on this case (${LOCAL_ID}); each once.` }),
    kind: t.field({ type: InterventionKindEnum, required: true, description: 'The power used.' }),
    subjectPersonId: t.string({
      required: false,
      description: 'The subject it is issued to: a person id of a subject on the case. Needed by every power but those over a place (closure_notice, closure_order, dispersal_direction, public_spaces_protection_order).',
    }),
    issuingAgencyId: t.string({ required: true, description: `The agency that issued it. ${AGENCY_ID}` }),
    issuingAgencyKind: t.field({
      type: AgencyKindEnum,
      required: true,
      description: 'What kind of body the issuing agency is, as the Act’s powers go: the partnership register names agencies, not their legal standing.',
    }),
    issuedOn: t.field({ type: 'Date', required: true, description: 'The day it was issued or made; not in the future.' }),
    terms: t.string({ required: true, description: 'Its terms: what the subject must or must not do, up to 4,000 characters.' }),
    expiresOn: t.field({ type: 'Date', required: false, description: 'The last day it is in force; not before `issuedOn`. Left out: until discharged (a closure order, a PSPO and an injunction against a child need one).' }),
    durationHours: t.int({ required: false, description: 'For a dispersal direction or a closure notice, and needed by them: how many hours it lasts, 1 to 8,784 (48 at most under the Act).' }),
    place: t.string({ required: false, description: 'The area of a dispersal direction or a PSPO, and needed by them, up to 500 characters. Name a place, not a person’s address.' }),
    authorisation: t.field({ type: InterventionAuthorisationInput, required: false, description: 'For a dispersal direction: who authorised it (an inspector or above).' }),
    conviction: t.field({ type: ConvictionInput, required: false, description: 'For a criminal behaviour order: the conviction it is made on.' }),
    followsInterventionId: t.string({
      required: false,
      description: 'The intervention on this case this one follows on (what a fixed penalty notice is for: a CPN or PSPO not complied with).',
    }),
  }),
});

defineCaseMutation({
  name: 'recordBreach',
  command: 'RecordBreach',
  description: `Records a breach of an intervention on the case while it was in force. Codes: \`INTERVENTION_NOT_FOUND\`, \`BREACH_ALREADY_RECORDED\`, \`INCIDENT_NOT_FOUND\`, \`BREACH_BEFORE_INTERVENTION\`, \`BREACH_AFTER_EXPIRY\`, \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    breachId: t.string({ required: true, description: `Your id for the breach on this case (${LOCAL_ID}); each once.` }),
    interventionId: t.string({ required: true, description: 'The intervention breached, by its id on this case.' }),
    occurredOn: t.field({ type: 'Date', required: true, description: 'The day of the breach: while the intervention was in force, and not in the future.' }),
    description: t.string({ required: true, description: 'What the breach was, up to 2,000 characters.' }),
    incidentId: t.string({ required: false, description: 'The incident on the case that was the breach, if there is one.' }),
    response: t.string({ required: false, description: 'What was done about it (a warning, an arrest, a return to court), up to 2,000 characters.' }),
  }),
});

defineCaseMutation({
  name: 'makeReferral',
  command: 'MakeReferral',
  description: `Refers a victim, witness or subject of the case to a service, with why. Codes: \`REFERRAL_ALREADY_MADE\`, \`PERSON_NOT_ON_CASE\`, \`DATE_IN_FUTURE\`. ${ON_CASE} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    referralId: t.string({ required: true, description: `Your id for the referral on this case (${LOCAL_ID}); each once.` }),
    service: t.field({ type: ReferralServiceEnum, required: true, description: 'The service referred to.' }),
    personId: t.string({ required: true, description: `Who is referred: a victim, witness or subject of the case. ${PERSON_ID}` }),
    referredOn: t.field({ type: 'Date', required: true, description: 'The day of the referral; not in the future.' }),
    reason: t.string({ required: true, description: 'Why, up to 2,000 characters.' }),
    toAgencyId: t.string({ required: false, description: `The partner agency that provides the service, when it is one. ${AGENCY_ID}` }),
  }),
});

// ---------------------------------------------------------------------------
// The case review (Community Trigger)

/**
 * Every complaint about the behaviour the applicant suffers: the complaints
 * (incident reports by victims, witnesses or anonymous callers) of this case
 * and of every other on which the applicant is a victim, the same person (by
 * person id) or the same household (by household key). The same gathering as
 * `caseReviewEligibility` (queries.ts), so what a partner checks is what the
 * application finds. The Act counts complaints to any agency, so it reads
 * every case, through the policy's whole-partnership view, not only those in
 * the caller's sight; what it takes of each is what the domain's
 * `complaintsOfCase` makes of it (ids, days, agencies), never the people's
 * details, and the case type shows a complaint from a case out of the
 * caller's sight without naming that case.
 */
function complaintsAbout(ctx: GraphQLContext, view: AsbCaseView, applicantPersonId: unknown): Complaint[] {
  // Not a victim here: the decider says so (VICTIM_NOT_FOUND), with nothing gathered.
  if (typeof applicantPersonId !== 'string' || !view.asbCase.victims.has(applicantPersonId)) return [];
  return complaintsAboutVictims(ctx.records.everyCaseForCaseReview(), view, new Set([applicantPersonId])).complaints;
}

defineCaseMutation({
  name: 'requestCaseReview',
  command: 'RequestCaseReview',
  description: `Records an application for an ASB case review (the Community Trigger, 2014 Act s.104) by or for a victim on the case, and judges at once whether the threshold is met. You do not send the complaints: Casebook gathers them, as \`caseReviewEligibility\` does, from this case and every other in the partnership on which the same person (by person id) or the same household (by household key) is a victim, whichever agency holds it, as the Act counts complaints to any agency. It judges them under the partnership’s published procedure: by the Act, three complaints about separate incidents, each made within a month of the behaviour, the application within six months of each; one incident reported to several agencies counts once. The case shows the threshold met or not, and which complaints counted. Open to a closed case (an application often follows a closure). Codes: \`CASE_REVIEW_ALREADY_REQUESTED\`, \`VICTIM_NOT_FOUND\`, \`DATE_IN_FUTURE\`. ${ON_CASE}`,
  fields: (t) => ({
    applicationId: t.string({ required: true, description: `Your id for the application on this case (${LOCAL_ID}, e.g. \`ct-2026-01\`); each once.` }),
    appliedOn: t.field({ type: 'Date', required: true, description: 'The day of the application; not in the future. Complaints are judged against it.' }),
    applicantPersonId: t.string({ required: true, description: `The victim the application is about: a victim on this case. ${PERSON_ID}` }),
    madeBy: t.field({ type: CaseReviewApplicantEnum, required: true, description: '`victim`, or `representative` (someone applying on the victim’s behalf, with their consent).' }),
    representative: t.field({
      type: RepresentativeEnum,
      required: false,
      description: 'For `madeBy: representative`, and only then (a `ValidationError` on this field otherwise): who they are to the victim.',
    }),
  }),
  prepare: (ctx, view, fields) => ({
    ...fields,
    complaints: complaintsAbout(ctx, view, fields.applicantPersonId),
    procedure: ctx.casebook.caseRules.caseReviewProcedure,
  }),
});

defineCaseMutation({
  name: 'recordCaseReviewDecision',
  command: 'RecordCaseReviewDecision',
  description: `Records the relevant bodies’ decision on whether the threshold for a case review is met, and on what basis. When the complaints met it, it must be decided met (\`CASE_REVIEW_THRESHOLD_MET\`); when they did not, it may still be, on a local route or the procedure’s judgement. Codes: \`CASE_REVIEW_NOT_REQUESTED\`, \`CASE_REVIEW_ALREADY_DECIDED\`, \`CASE_REVIEW_DATE_OUT_OF_ORDER\` (before the application), \`DATE_IN_FUTURE\`. ${ON_CASE}`,
  fields: (t) => ({
    applicationId: t.string({ required: true, description: 'The application, by its id on this case.' }),
    decidedOn: t.field({ type: 'Date', required: true, description: 'The day of the decision: not before the application, not in the future.' }),
    thresholdMet: t.boolean({ required: true, description: 'Whether the threshold is met: a review is then held.' }),
    basis: t.field({
      type: ThresholdBasisEnum,
      required: false,
      description: 'When met, and only then (a `ValidationError` on this field otherwise): on what basis, an Act’s or local route, or the procedure’s judgement of persistence, harm and response (s.104(5)).',
    }),
    reason: t.string({ required: true, description: 'Why, up to 4,000 characters: the applicant is told.' }),
  }),
});

defineCaseMutation({
  name: 'recordCaseReviewOutcome',
  command: 'RecordCaseReviewOutcome',
  description: `Records a case review held: who took part, the findings and the recommendations. Held once the threshold is decided met (or an appeal against deciding otherwise is upheld), and again only after an upheld appeal against the first. Codes: \`CASE_REVIEW_NOT_REQUESTED\`, \`CASE_REVIEW_NOT_DECIDED\`, \`CASE_REVIEW_NOT_TO_BE_HELD\`, \`CASE_REVIEW_ALREADY_HELD\`, \`CASE_REVIEW_DATE_OUT_OF_ORDER\`, \`DATE_IN_FUTURE\`. ${ON_CASE}`,
  fields: (t) => ({
    applicationId: t.string({ required: true, description: 'The application, by its id on this case.' }),
    heldOn: t.field({ type: 'Date', required: true, description: 'The day the review was held: not before the decision (or the upheld appeal), not in the future.' }),
    agencies: t.stringList({ required: true, description: `The agencies that took part: 1 to 30. ${AGENCY_ID}` }),
    findings: t.string({ required: true, description: 'What the review found, up to 8,000 characters.' }),
    recommendations: t.field({ type: [CaseReviewRecommendationInput], required: true, description: 'Its recommendations, at most 50, each with its own id. May be empty.' }),
  }),
});

defineCaseMutation({
  name: 'appealCaseReview',
  command: 'AppealCaseReview',
  description: `Records the applicant’s appeal: against a decision that the threshold was not met, or against the outcome of a review held. Codes: \`CASE_REVIEW_NOT_REQUESTED\`, \`CASE_REVIEW_NOT_DECIDED\`, \`CASE_REVIEW_NOT_YET_HELD\` (decided met: the outcome is appealed once held), \`CASE_REVIEW_ALREADY_APPEALED\`, \`CASE_REVIEW_DATE_OUT_OF_ORDER\`, \`DATE_IN_FUTURE\`. ${ON_CASE}`,
  fields: (t) => ({
    applicationId: t.string({ required: true, description: 'The application, by its id on this case.' }),
    appealedOn: t.field({ type: 'Date', required: true, description: 'The day of the appeal: not before what it appeals, not in the future.' }),
    grounds: t.string({ required: true, description: 'The grounds of the appeal, up to 4,000 characters.' }),
  }),
});

defineCaseMutation({
  name: 'decideCaseReviewAppeal',
  command: 'DecideCaseReviewAppeal',
  description: `Records the decision on an appeal. Upheld against a decision, the review is held; upheld against an outcome, it is held again. Codes: \`CASE_REVIEW_NOT_REQUESTED\`, \`CASE_REVIEW_NOT_APPEALED\`, \`CASE_REVIEW_APPEAL_ALREADY_DECIDED\`, \`CASE_REVIEW_DATE_OUT_OF_ORDER\`, \`DATE_IN_FUTURE\`. ${ON_CASE}`,
  fields: (t) => ({
    applicationId: t.string({ required: true, description: 'The application, by its id on this case.' }),
    decidedOn: t.field({ type: 'Date', required: true, description: 'The day of the decision: not before the appeal, not in the future.' }),
    upheld: t.boolean({ required: true, description: 'Whether the appeal is upheld.' }),
    reason: t.string({ required: true, description: 'Why, up to 4,000 characters.' }),
  }),
});

// ---------------------------------------------------------------------------
// The plan, closure, alerts

defineCaseMutation({
  name: 'linkCaseToPlan',
  command: 'LinkCaseToPlan',
  description: `Links the case to a SARA problem-solving plan (a case is often one of many about one problem). The plan must be one the caller sees: \`NotFound\` otherwise, as for a plan that does not exist. A new link replaces the one before; the same plan again changes nothing. Codes: \`DATE_IN_FUTURE\`. ${OWNER_ONLY} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    planId: t.globalID({ required: true, description: 'The plan’s global id (`Plan.id`).' }),
    linkedOn: t.field({ type: 'Date', required: true, description: 'The day of the link; not in the future.' }),
    reason: t.string({ required: false, description: 'Why, up to 1,000 characters.' }),
  }),
  prepare: (ctx, _view, fields) => {
    const plan = fields.planId as GlobalId | undefined;
    if (plan?.typename !== 'Plan' || !ctx.records.plan(plan.id)) throw new EntityNotFound('The plan');
    return { ...fields, planId: plan.id };
  },
});

defineCaseMutation({
  name: 'closeAsbCase',
  command: 'CloseAsbCase',
  description: `Closes the case with its outcome and each victim’s satisfaction (or that they declined, or could not be reached): every victim on the case answered once. Nothing changes on a closed case but the case review, its actions’ news, alerts’ acknowledgements and reopening. Codes: \`CASE_SATISFACTION_MISSING\` (names the victims without an answer), \`VICTIM_NOT_FOUND\`, \`DATE_IN_FUTURE\`. ${OWNER_ONLY} ${NOT_WHEN_CLOSED}`,
  fields: (t) => ({
    closedOn: t.field({ type: 'Date', required: true, description: 'The day of closure; not in the future.' }),
    outcome: t.field({ type: CaseOutcomeEnum, required: true, description: 'How the case ended.' }),
    summary: t.string({ required: true, description: 'Why the case closes, and how it ended, up to 4,000 characters.' }),
    victimSatisfaction: t.field({ type: [VictimSatisfactionInput], required: true, description: 'One answer for each victim on the case, at most 50. Empty when the case has no victim.' }),
  }),
});

defineCaseMutation({
  name: 'reopenAsbCase',
  command: 'ReopenAsbCase',
  description: `Reopens a closed case, with why; the closure before is kept. Codes: \`ASB_CASE_NOT_CLOSED\`, \`DATE_IN_FUTURE\`. ${OWNER_ONLY}`,
  fields: (t) => ({
    reason: t.string({ required: true, description: 'Why it reopens, up to 2,000 characters.' }),
    reopenedOn: t.field({ type: 'Date', required: true, description: 'The day it reopens; not in the future.' }),
  }),
});

defineCaseMutation({
  name: 'acknowledgeAlert',
  command: 'AcknowledgeAlert',
  description:
    'The caller’s agency acknowledges an alert about a victim or witness on the case (assessed high risk, or flagged vulnerable or intimidated): it has seen it and taken it on. An alert goes to every agency on the case when it is raised, and each acknowledges for itself, a coordinator for their own agency; acknowledging again changes nothing. Open to a closed case. Codes: `ALERT_NOT_FOUND`, `ALERT_NOT_FOR_AGENCY` (the caller’s agency was not alerted: it was not on the case then), `ASB_CASE_NOT_ON_CASE`.',
  fields: (t) => ({
    alertId: t.string({ required: true, description: 'The alert’s id on the case: `alert-1`, `alert-2`... in the order raised.' }),
  }),
});
