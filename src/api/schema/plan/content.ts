/**
 * What a plan says: its SMART objectives, the Scanning and Analysis sections,
 * the response plan of each strand, and the risk and community-impact
 * assessments (ACPO 2006, 4.7.4; DOMAIN.md). Each input mirrors its command's
 * fields, so the command's own zod schema validates it and names the fields.
 */
import { builder } from '../builder.js';
import { definePlanMutation } from './plan-mutation.js';
import { RiskLevelEnum } from './plan-type.js';

export const AimInput = builder.inputType('AimInput', {
  description:
    'Where the objective sits on the impact scale. GraphQL has no input unions, so `kind` says which aim it is and the one field that kind needs comes with it: `byPercent` for reduce, `to` for hand-over.',
  fields: (t) => ({
    kind: t.string({ required: true, description: 'eliminate, reduce, reduce-seriousness, handle-more-efficiently or hand-over.' }),
    byPercent: t.float({ required: false, description: 'For reduce, and needed by it: by how many per cent, more than 0 and at most 100. Other kinds do not keep it.' }),
    to: t.string({ required: false, description: 'For hand-over, and needed by it: who takes the problem over, up to 160 characters. Other kinds do not keep it.' }),
  }),
});

export const ObjectiveInput = builder.inputType('ObjectiveInput', {
  description: 'A SMART objective: a measure, a baseline, a target that improves on it, a date, and where it sits on the impact scale.',
  fields: (t) => ({
    objectiveId: t.string({
      required: true,
      description: 'Your id for the objective in this plan: lower-case letters, digits and hyphens, up to 64, e.g. `firework-calls`. Sending an id already set revises that objective.',
    }),
    statement: t.string({ required: true, description: 'The objective, up to 500 characters.' }),
    measure: t.string({ required: true, description: 'What is counted, and from which source, up to 300 characters.' }),
    baseline: t.float({ required: true, description: 'The measure before the response: the number results are compared with.' }),
    target: t.float({ required: true, description: 'The number aimed for: below the baseline when `direction` is decrease, above it when increase.' }),
    direction: t.string({ required: false, defaultValue: 'decrease', description: 'decrease (the default) or increase: which way is success.' }),
    byDate: t.field({ type: 'Date', required: true, description: 'The day by which the target is to be reached; not before the plan was opened.' }),
    aim: t.field({ type: AimInput, required: true, description: 'Where the objective sits on the impact scale.' }),
  }),
});

export const ScanningInput = builder.inputType('ScanningInput', {
  description: 'Scanning: what was noticed, where, when, who reported it, from which sources, and why it was prioritised. Recording it again replaces it.',
  fields: (t) => ({
    initialIndicators: t.stringList({ required: true, description: 'What first showed the problem: 1 to 20, each up to 300 characters.' }),
    description: t.string({ required: true, description: 'The problem as it was reported, up to 4,000 characters.' }),
    where: t.string({ required: true, description: 'Where it happens, up to 500 characters.' }),
    when: t.string({ required: true, description: 'When it happens, up to 500 characters.' }),
    reportedBy: t.string({ required: true, description: 'Who reported it, up to 500 characters.' }),
    sources: t.stringList({
      required: true,
      description: 'Where it came to light: 1 to 6 of calls-for-service, partner-data, community-engagement, crime-records, patrol-observation, other.',
    }),
    whyPrioritised: t.string({ required: true, description: 'Why the partnership took it on, up to 2,000 characters.' }),
  }),
});

export const ProblemMatrixInput = builder.inputType('ProblemMatrixInput', {
  description: 'The problem matrix: nine questions about the problem, each answered in up to 1,000 characters.',
  fields: (t) => ({
    what: t.string({ required: true, description: 'What happens. Up to 1,000 characters.' }),
    offenders: t.string({ required: true, description: 'Who offends. Up to 1,000 characters.' }),
    victims: t.string({ required: true, description: 'Who or what is victimised. Up to 1,000 characters.' }),
    where: t.string({ required: true, description: 'Where it happens. Up to 1,000 characters.' }),
    when: t.string({ required: true, description: 'When it happens. Up to 1,000 characters.' }),
    how: t.string({ required: true, description: 'How it is done. Up to 1,000 characters.' }),
    howOften: t.string({ required: true, description: 'How often it happens. Up to 1,000 characters.' }),
    impact: t.string({ required: true, description: 'What impact it has. Up to 1,000 characters.' }),
    repeats: t.string({ required: true, description: 'Whether offenders, victims or places repeat. Up to 1,000 characters.' }),
  }),
});

export const TriangleOffenderInput = builder.inputType('TriangleOffenderInput', {
  description: 'The offender side of the problem analysis triangle, with its handler.',
  fields: (t) => ({
    description: t.string({ required: true, description: 'The offenders, up to 1,000 characters.' }),
    handler: t.string({ required: true, description: 'Who can influence them (a parent, a youth worker, a landlord), up to 500 characters.' }),
  }),
});

export const TriangleTargetInput = builder.inputType('TriangleTargetInput', {
  description: 'The victim or target side of the problem analysis triangle, with its guardian.',
  fields: (t) => ({
    description: t.string({ required: true, description: 'The victims or targets, up to 1,000 characters.' }),
    guardian: t.string({ required: true, description: 'Who can protect them, up to 500 characters.' }),
  }),
});

export const TrianglePlaceInput = builder.inputType('TrianglePlaceInput', {
  description: 'The place side of the problem analysis triangle, with its manager.',
  fields: (t) => ({
    description: t.string({ required: true, description: 'The place, up to 1,000 characters.' }),
    manager: t.string({ required: true, description: 'Who is responsible for the place, up to 500 characters.' }),
  }),
});

export const TriangleInput = builder.inputType('TriangleInput', {
  description: 'The problem analysis triangle: offender, target and place, each with the controller who can act on it.',
  fields: (t) => ({
    offender: t.field({ type: TriangleOffenderInput, required: true, description: 'The offender side and its handler.' }),
    target: t.field({ type: TriangleTargetInput, required: true, description: 'The victim or target side and its guardian.' }),
    place: t.field({ type: TrianglePlaceInput, required: true, description: 'The place side and its manager.' }),
  }),
});

export const AnalysisInput = builder.inputType('AnalysisInput', {
  description: 'Analysis: the problem matrix, the problem analysis triangle, the hypotheses and the data looked at. Recording it again replaces it.',
  fields: (t) => ({
    problemMatrix: t.field({ type: ProblemMatrixInput, required: true, description: 'The nine questions of the problem matrix.' }),
    triangle: t.field({ type: TriangleInput, required: true, description: 'The problem analysis triangle.' }),
    hypotheses: t.stringList({ required: true, description: 'Why the problem happens, as the partners think: 1 to 20, each up to 1,000 characters.' }),
    dataUsed: t.stringList({ required: true, description: 'The data looked at: 1 to 30 sources, each up to 500 characters.' }),
  }),
});

export const ResponseStrandEnum = builder.enumType('ResponseStrand', {
  description: 'The three strands of a response; a plan has at most one response plan per strand.',
  values: {
    prevention: { description: 'Stopping it happening: design, diversion, education, target hardening.' },
    intelligence: { description: 'Finding out more: who, where, when, to direct the other strands.' },
    enforcement: { description: 'Using powers against offenders: warnings, orders, arrests.' },
  } as const,
});

definePlanMutation({
  name: 'setObjective',
  command: 'SetObjective',
  description:
    'Sets a SMART objective, or revises the one with the same `objectiveId` (the earlier version stays in the history). The target must improve on the baseline in the objective’s direction (`OBJECTIVE_TARGET_NOT_AN_IMPROVEMENT`) and the date must not be before the plan was opened (`OBJECTIVE_DATE_BEFORE_OPENING`).',
  fields: (t) => ({ objective: t.field({ type: ObjectiveInput, required: true, description: 'The objective.' }) }),
});

definePlanMutation({
  name: 'recordScanning',
  command: 'RecordScanning',
  description: 'Records the Scanning section of the plan, replacing any recorded before (the earlier one stays in the history). A plan needs it, and an owner, to enter analysis.',
  fields: (t) => ({ scanning: t.field({ type: ScanningInput, required: true, description: 'The Scanning section.' }) }),
});

definePlanMutation({
  name: 'recordAnalysis',
  command: 'RecordAnalysis',
  description:
    'Records the Analysis section of the plan, replacing any recorded before (the earlier one stays in the history). A plan needs it, and an objective, to enter response.',
  fields: (t) => ({ analysis: t.field({ type: AnalysisInput, required: true, description: 'The Analysis section.' }) }),
});

definePlanMutation({
  name: 'recordResponsePlan',
  command: 'RecordResponsePlan',
  description: 'Records the response plan of one strand, with its communication strategy, replacing that strand’s earlier plan (which stays in the history).',
  fields: (t) => ({
    strand: t.field({ type: ResponseStrandEnum, required: true, description: 'Which strand this plan is.' }),
    plan: t.string({ required: true, description: 'What will be done, by whom. Up to 4,000 characters.' }),
    communicationStrategy: t.string({ required: true, description: 'How the response will be told to the community and partners. Up to 2,000 characters.' }),
    communityEngagement: t.string({ required: false, description: 'How the community takes part in the response. Up to 2,000 characters.' }),
  }),
});

definePlanMutation({
  name: 'assessPlanRisk',
  command: 'AssessPlanRisk',
  description: 'Records a risk assessment of the plan. Every assessment is kept; the last is current. Not dated in the future (`DATE_IN_FUTURE`).',
  fields: (t) => ({
    level: t.field({ type: RiskLevelEnum, required: true, description: 'The risk: low, medium or high.' }),
    reasons: t.string({ required: true, description: 'Why this level. Up to 2,000 characters.' }),
    assessedOn: t.field({ type: 'Date', required: true, description: 'The day it was assessed; not in the future.' }),
  }),
});

definePlanMutation({
  name: 'assessCommunityImpact',
  command: 'AssessCommunityImpact',
  description: 'Records an assessment of the problem’s impact on the community. Every assessment is kept; the last is current. Not dated in the future (`DATE_IN_FUTURE`).',
  fields: (t) => ({
    level: t.field({ type: RiskLevelEnum, required: true, description: 'The impact: low, medium or high.' }),
    reasons: t.string({ required: true, description: 'Why this level. Up to 2,000 characters.' }),
    assessedOn: t.field({ type: 'Date', required: true, description: 'The day it was assessed; not in the future.' }),
  }),
});
