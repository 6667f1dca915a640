/**
 * Input types more than one ASB case mutation takes, or that nest inside one.
 * Each mirrors a part of a case command (domain/asb-case/commands.ts), so the
 * command's own zod schema validates it and its field paths are the input's.
 * The domain's closed lists are the enums the case type serves (case-type.ts),
 * so what a partner sends and what it reads back are the same values.
 */
import { builder } from '../builder.js';
import { PersonFlagEnum, PoliceRankEnum, ReporterKindEnum, SatisfactionEnum, VictimRiskLevelEnum } from './case-type.js';

const LOCAL_ID = 'lower-case letters, digits and hyphens, up to 64';
const PERSON_ID = 'A person id: the UUID Casebook gave the person when they were first recorded (a victim, witness or subject of this case).';
const AGENCY_ID = 'A partnership agency id: police, council, housing, fire, youth, health...';

export const PlaceInput = builder.inputType('PlaceInput', {
  description: 'A place: described in words, and keyed when it is one of the partnership’s known locations (incidents at one keyed place are linked).',
  fields: (t) => ({
    description: t.string({ required: true, description: 'The place in words, up to 300 characters. Name a place, not a private person’s address.' }),
    locationKey: t.string({
      required: false,
      description: `The partnership’s key for a known location (${LOCAL_ID}, e.g. \`bull-ring-precinct\`). A case review’s linked-location route counts only incidents at a keyed place.`,
    }),
  }),
});

export const PersonalDetailsInput = builder.inputType('PersonalDetailsInput', {
  description:
    'Who a victim, witness or subject is and how to reach them: personal data, read only by the agencies on the case and by auditors (need to know). Every field but the name may be left out.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The person’s name, up to 160 characters.' }),
    dateOfBirth: t.field({
      type: 'Date',
      required: false,
      description:
        'The date of birth; not in the future. The Act turns on age: a community protection notice needs a subject of 16 or more, a civil injunction one of 10 or more (12 months at most under 18). Without it those powers answer `SUBJECT_AGE_UNKNOWN`.',
    }),
    address: t.string({ required: false, description: 'The address, up to 400 characters. Households are matched on `householdKey`, never on the address.' }),
    phone: t.string({ required: false, description: 'A telephone number: digits, spaces, brackets and hyphens, 6 to 25 characters, e.g. `01924 123456` or `+44 7700 900123`.' }),
    email: t.string({ required: false, description: 'An email address.' }),
    contactNote: t.string({ required: false, description: 'How and when the person wants to be contacted (a safe time, an interpreter, a relative to call), up to 500 characters.' }),
  }),
});

export const PersonFlagInput = builder.inputType('PersonFlagInput', {
  description: 'A flag on a victim or witness, with why. Each flag raises an alert to every agency on the case at once.',
  fields: (t) => ({
    flag: t.field({ type: PersonFlagEnum, required: true, description: '`vulnerable` or `intimidated`.' }),
    reason: t.string({ required: true, description: 'Why, up to 1,000 characters.' }),
  }),
});

export const IncidentReporterInput = builder.inputType('IncidentReporterInput', {
  description:
    'Who reported: `kind` says which, and the one field that kind needs comes with it (GraphQL has no input unions). `person`: a victim or witness already on the case, by `personId`. `agency_staff`: a member of an agency’s staff (a patrol, a housing officer), by `agencyId`; not a complaint from the community, so a case review does not count it. `anonymous`: someone who would not say.',
  fields: (t) => ({
    kind: t.field({ type: ReporterKindEnum, required: true, description: '`person`, `agency_staff` or `anonymous`.' }),
    personId: t.string({ required: false, description: `For \`person\`, and needed by it. ${PERSON_ID} Not a victim or witness on the case: \`INCIDENT_REPORTER_NOT_FOUND\`.` }),
    agencyId: t.string({ required: false, description: `For \`agency_staff\`, and needed by it. ${AGENCY_ID}` }),
  }),
});

export const IncidentReportInput = builder.inputType('IncidentReportInput', {
  description: 'One report of an incident: who made it, to which agency, and when. One incident reported to several agencies is one incident with several reports.',
  fields: (t) => ({
    reporter: t.field({ type: IncidentReporterInput, required: true, description: 'Who reported it.' }),
    receivedBy: t.string({ required: true, description: `The agency the report was made to. ${AGENCY_ID}` }),
    reportedOn: t.field({ type: 'Date', required: true, description: 'The day it was reported; not before the incident, and not in the future.' }),
    agencyReference: t.string({ required: false, description: 'The receiving agency’s own reference (a police log number, a housing case number), up to 60 characters.' }),
  }),
});

export const RiskAnswerInput = builder.inputType('RiskAnswerInput', {
  description: 'The answer to one question of the victim risk questionnaire.',
  fields: (t) => ({
    questionId: t.string({
      required: true,
      description:
        'The question’s id in the questionnaire version used, e.g. `repeat-targeting`, `threats-or-violence`, `health-affected`. Each question once: one the version does not have answers `RISK_ANSWER_TO_UNKNOWN_QUESTION`.',
    }),
    yes: t.boolean({ required: true, description: 'True for yes, false for no. Each yes adds the question’s weight to the score.' }),
  }),
});

export const RiskJudgementInput = builder.inputType('RiskJudgementInput', {
  description: 'Professional judgement: it may raise the level the answers score, never lower or repeat it (`RISK_JUDGEMENT_NOT_HIGHER`), and says why.',
  fields: (t) => ({
    raiseTo: t.field({ type: VictimRiskLevelEnum, required: true, description: '`medium` or `high`: above the level the answers score (`standard` is a `ValidationError`).' }),
    reason: t.string({ required: true, description: 'Why, up to 2,000 characters.' }),
  }),
});

export const SinglePointOfContactInput = builder.inputType('SinglePointOfContactInput', {
  description: 'A named officer of an agency who keeps in touch with the victim (medium and high risk carry one).',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The officer’s name, up to 120 characters.' }),
    agencyId: t.string({ required: true, description: `Their agency. ${AGENCY_ID}` }),
  }),
});

export const InterventionAuthorisationInput = builder.inputType('InterventionAuthorisationInput', {
  description: 'Who authorised a dispersal direction (s.34): an inspector or above.',
  fields: (t) => ({
    rank: t.field({ type: PoliceRankEnum, required: true, description: 'Their rank: an inspector or above may authorise a dispersal (`DISPERSAL_NEEDS_INSPECTOR` otherwise).' }),
    officer: t.string({ required: true, description: 'The authorising officer, up to 120 characters.' }),
  }),
});

export const ConvictionInput = builder.inputType('ConvictionInput', {
  description: 'The conviction a criminal behaviour order is made on (s.22).',
  fields: (t) => ({
    convictedOn: t.field({ type: 'Date', required: true, description: 'The day of the conviction: on or before the order’s day of issue (`CBO_NEEDS_CONVICTION` otherwise).' }),
    court: t.string({ required: true, description: 'The court, up to 200 characters.' }),
    offence: t.string({ required: true, description: 'The offence, up to 500 characters.' }),
  }),
});

export const CaseReviewRecommendationInput = builder.inputType('CaseReviewRecommendationInput', {
  description: 'One recommendation of a case review, to one agency.',
  fields: (t) => ({
    recommendationId: t.string({ required: true, description: `Your id for the recommendation in this review (${LOCAL_ID}); each once.` }),
    toAgencyId: t.string({ required: true, description: `The agency it is made to. ${AGENCY_ID}` }),
    recommendation: t.string({ required: true, description: 'The recommendation, up to 2,000 characters.' }),
    dueOn: t.field({ type: 'Date', required: false, description: 'When it is to be done by, if a day is set.' }),
  }),
});

export const VictimSatisfactionInput = builder.inputType('VictimSatisfactionInput', {
  description: 'One victim’s satisfaction with how the case was handled, asked at closure.',
  fields: (t) => ({
    personId: t.string({ required: true, description: `The victim. ${PERSON_ID} One answer per victim.` }),
    satisfaction: t.field({ type: SatisfactionEnum, required: true, description: 'Their answer, or that they declined to say or could not be contacted.' }),
    comment: t.string({ required: false, description: 'What they said, up to 2,000 characters.' }),
  }),
});

export const inputTexts = { LOCAL_ID, PERSON_ID, AGENCY_ID };
