/**
 * The `Plan` node: a SARA problem-solving plan with every section of the
 * minimum content of ACPO 2006, 4.7.4, as the plan read model holds it.
 */
import type { Aim, Objective, PlanStage } from '../../../domain/plan/commands.js';
import { closureStanding, nextReviewDue } from '../../../domain/plan/evaluation.js';
import type { Analysis, Assessment, Conclusion, Meeting, Measurement, ResponseAction, Review, Scanning } from '../../../domain/plan/state.js';
import type { PersonRef, RaisingParty } from '../../../domain/shared/values.js';
import { type Happening, isReviewOverdue, type ObjectiveResult, type PlanView, resultsByObjective, timelineOf } from '../../../projections/plans.js';
import { type GraphQLContext, todayOf } from '../../context.js';
import { builder } from '../builder.js';


export const PlanStageEnum = builder.enumType('PlanStage', {
  description: 'SARA: a plan moves Scanning, Analysis, Response, Assessment, then Closed, each stage entered only when the content it needs is there.',
  values: {
    scanning: { description: 'The problem is being described: indicators, where, when, who reported it.' },
    analysis: { description: 'Needs an owner and a scanning description to enter.' },
    response: { description: 'Needs an analysis and at least one objective to enter.' },
    assessment: { description: 'Needs at least one response action to enter.' },
    closed: { description: 'Closed with a justification, every raising party satisfied.' },
  } as const,
});

export const RiskLevelEnum = builder.enumType('RiskLevel', {
  description: 'A risk or community-impact level, with its reasons recorded beside it.',
  values: { low: { description: 'Low.' }, medium: { description: 'Medium.' }, high: { description: 'High.' } } as const,
});

export const PersonType = builder.objectRef<PersonRef>('Person').implement({
  description: 'A named person of a partner agency or of a community group.',
  fields: (t) => ({
    name: t.exposeString('name'),
    role: t.exposeString('role', { nullable: true }),
    agencyId: t.exposeString('agencyId', { nullable: true, description: 'The agency they belong to, if any.' }),
    communityGroup: t.exposeString('communityGroup', { nullable: true, description: 'The community group they belong to, if any.' }),
  }),
});

/** A raising party as served: with the plan it raised, which decides who may read a private person's details. */
interface RaisingPartyOnPlan {
  readonly party: RaisingParty;
  readonly view: PlanView;
}

/** A resident is a private person: their name and contact are personal data. Groups, businesses, councillors, agencies and schools are not. */
const isPrivatePerson = (party: RaisingParty) => party.kind === 'resident';

const RaisingPartyType = builder.objectRef<RaisingPartyOnPlan>('RaisingParty').implement({
  description:
    'Someone who raised the problem; they must be satisfied before the plan closes. They need not use Casebook. A resident’s name and every party’s contact are personal data: only the agencies on the plan, and auditors, read them.',
  fields: (t) => ({
    partyId: t.string({ description: 'The id sign-offs name them by.', resolve: (r) => r.party.partyId }),
    name: t.string({
      nullable: true,
      description: 'Their name; null for a resident when the caller’s agency is not on the plan (personal data).',
      authScopes: (r) => (isPrivatePerson(r.party) ? { personalDataOnPlan: r.view } : { signedIn: true }),
      unauthorizedResolver: () => null,
      resolve: (r) => r.party.name,
    }),
    kind: t.string({ description: 'resident, community-group, business, councillor, agency or school.', resolve: (r) => r.party.kind }),
    agencyId: t.string({ nullable: true, resolve: (r) => r.party.agencyId ?? null }),
    contact: t.string({
      nullable: true,
      description: 'How to reach them, if recorded; null when the caller’s agency is not on the plan (personal data).',
      authScopes: (r) => ({ personalDataOnPlan: r.view }),
      unauthorizedResolver: () => null,
      resolve: (r) => r.party.contact ?? null,
    }),
    personalDataWithheld: t.boolean({
      description: 'True when this party’s personal data is withheld from the caller (need-to-know).',
      resolve: (r, _a, ctx) => (isPrivatePerson(r.party) || r.party.contact !== undefined) && !ctx.records.readsPersonalDataOn(r.view),
    }),
  }),
});

const AimType = builder.objectRef<Aim>('Aim').implement({
  description: 'Where the objective sits on the impact scale: eliminate, reduce (by a per cent), reduce-seriousness, handle-more-efficiently or hand-over.',
  fields: (t) => ({
    kind: t.exposeString('kind'),
    byPercent: t.float({ nullable: true, resolve: (a) => (a.kind === 'reduce' ? a.byPercent : null) }),
    handedOverTo: t.string({ nullable: true, resolve: (a) => (a.kind === 'hand-over' ? a.to : null) }),
  }),
});

const ObjectiveType = builder.objectRef<Objective>('Objective').implement({
  description: 'A SMART objective: a measure, a baseline, a target and a date.',
  fields: (t) => ({
    objectiveId: t.exposeString('objectiveId'),
    statement: t.exposeString('statement'),
    measure: t.exposeString('measure'),
    baseline: t.exposeFloat('baseline'),
    target: t.exposeFloat('target'),
    direction: t.exposeString('direction', { description: 'decrease or increase: which way is success.' }),
    byDate: t.field({ type: 'Date', resolve: (o) => o.byDate }),
    aim: t.field({ type: AimType, resolve: (o) => o.aim }),
  }),
});

const ScanningType = builder.objectRef<Scanning>('Scanning').implement({
  description: 'Scanning: what was noticed, where, when, who reported it, from which sources, and why it was prioritised.',
  fields: (t) => ({
    initialIndicators: t.exposeStringList('initialIndicators'),
    description: t.exposeString('description'),
    where: t.exposeString('where'),
    when: t.exposeString('when'),
    reportedBy: t.exposeString('reportedBy'),
    sources: t.exposeStringList('sources'),
    whyPrioritised: t.exposeString('whyPrioritised'),
  }),
});

const ProblemMatrixType = builder.objectRef<Analysis['problemMatrix']>('ProblemMatrix').implement({
  fields: (t) => ({
    what: t.exposeString('what'),
    offenders: t.exposeString('offenders'),
    victims: t.exposeString('victims'),
    where: t.exposeString('where'),
    when: t.exposeString('when'),
    how: t.exposeString('how'),
    howOften: t.exposeString('howOften'),
    impact: t.exposeString('impact'),
    repeats: t.exposeString('repeats'),
  }),
});

const TriangleSideType = builder.objectRef<{ description: string; controller: string }>('TriangleSide').implement({
  fields: (t) => ({
    description: t.exposeString('description'),
    controller: t.exposeString('controller', { description: 'The handler, guardian or place manager who can act on this side.' }),
  }),
});

const TriangleType = builder.objectRef<Analysis['triangle']>('ProblemAnalysisTriangle').implement({
  description: 'Offender, target and place, each with its controller: handler, guardian, manager.',
  fields: (t) => ({
    offender: t.field({ type: TriangleSideType, resolve: (tr) => ({ description: tr.offender.description, controller: tr.offender.handler }) }),
    target: t.field({ type: TriangleSideType, resolve: (tr) => ({ description: tr.target.description, controller: tr.target.guardian }) }),
    place: t.field({ type: TriangleSideType, resolve: (tr) => ({ description: tr.place.description, controller: tr.place.manager }) }),
  }),
});

const AnalysisType = builder.objectRef<Analysis>('Analysis').implement({
  fields: (t) => ({
    problemMatrix: t.field({ type: ProblemMatrixType, resolve: (a) => a.problemMatrix }),
    triangle: t.field({ type: TriangleType, resolve: (a) => a.triangle }),
    hypotheses: t.exposeStringList('hypotheses'),
    dataUsed: t.exposeStringList('dataUsed'),
  }),
});

const ResponsePlanType = builder.objectRef<{ strand: string; plan: string; communicationStrategy: string; communityEngagement?: string | undefined }>('ResponsePlan').implement({
  description: 'A prevention, intelligence or enforcement plan with its communication strategy.',
  fields: (t) => ({
    strand: t.exposeString('strand'),
    plan: t.exposeString('plan'),
    communicationStrategy: t.exposeString('communicationStrategy'),
    communityEngagement: t.exposeString('communityEngagement', { nullable: true }),
  }),
});

const AssessmentType = builder.objectRef<Assessment>('Assessment').implement({
  fields: (t) => ({
    level: t.field({ type: RiskLevelEnum, resolve: (a) => a.level }),
    reasons: t.exposeString('reasons'),
    assessedOn: t.field({ type: 'Date', resolve: (a) => a.assessedOn }),
  }),
});

const MeetingType = builder.objectRef<Meeting>('ProblemSolvingMeeting').implement({
  fields: (t) => ({
    meetingId: t.exposeString('meetingId'),
    heldOn: t.field({ type: 'Date', resolve: (m) => m.heldOn }),
    chair: t.exposeString('chair'),
    attendees: t.field({ type: [PersonType], resolve: (m) => m.attendees }),
    decisions: t.exposeStringList('decisions'),
    actionsAgreed: t.exposeStringList('actionsAgreed'),
  }),
});

const ReviewType = builder.objectRef<Review>('PlanReview').implement({
  description: 'A supervisory review: scheduled, then done by a supervisor with a finding and the next date.',
  fields: (t) => ({
    reviewId: t.exposeString('reviewId'),
    dueOn: t.field({ type: 'Date', resolve: (r) => r.dueOn }),
    doneOn: t.field({ type: 'Date', nullable: true, resolve: (r) => r.done?.doneOn ?? null }),
    reviewer: t.string({ nullable: true, resolve: (r) => r.done?.reviewer ?? null }),
    finding: t.string({ nullable: true, resolve: (r) => r.done?.finding ?? null }),
    nextReviewOn: t.field({ type: 'Date', nullable: true, resolve: (r) => r.done?.nextReviewOn ?? null }),
  }),
});

const MeasurementType = builder.objectRef<Measurement>('ResultMeasurement').implement({
  fields: (t) => ({
    objectiveId: t.exposeString('objectiveId'),
    measuredOn: t.field({ type: 'Date', resolve: (m) => m.measuredOn }),
    value: t.exposeFloat('value'),
    comparisonAreaValue: t.exposeFloat('comparisonAreaValue', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

const ObjectiveResultType = builder.objectRef<ObjectiveResult>('ObjectiveResult').implement({
  description: 'One objective’s results: baseline, target, the latest measurement, the change and whether it is met.',
  fields: (t) => ({
    objectiveId: t.exposeString('objectiveId'),
    statement: t.exposeString('statement'),
    baseline: t.exposeFloat('baseline'),
    target: t.exposeFloat('target'),
    latestValue: t.float({ nullable: true, resolve: (r) => r.latest?.value ?? null }),
    latestMeasuredOn: t.field({ type: 'Date', nullable: true, resolve: (r) => r.latest?.measuredOn ?? null }),
    comparisonAreaValue: t.float({ nullable: true, resolve: (r) => r.latest?.comparisonAreaValue ?? null }),
    changePercent: t.exposeFloat('changePercent', { nullable: true, description: 'Change from the baseline, in per cent of it.' }),
    met: t.exposeBoolean('met', { nullable: true, description: 'As concluded in the results analysis; before it, whether the latest measurement reaches the target.' }),
    concluded: t.exposeBoolean('concluded'),
  }),
});

const DisplacementCheckType = builder.objectRef<{ kind: string; found: boolean; note: string }>('DisplacementCheck').implement({
  fields: (t) => ({ kind: t.exposeString('kind', { description: 'temporal, spatial, target, tactical or offence.' }), found: t.exposeBoolean('found'), note: t.exposeString('note') }),
});

const ProcessEvaluationType = builder.objectRef<Conclusion['process']>('ProcessEvaluation').implement({
  description: 'Was each planned action done as planned? Counted from the plan’s response actions when the results were concluded.',
  fields: (t) => ({
    planned: t.exposeInt('planned'),
    done: t.exposeInt('done'),
    doneLate: t.exposeInt('doneLate'),
    cancelled: t.exposeInt('cancelled'),
    stillOpen: t.exposeInt('stillOpen'),
    overdue: t.exposeInt('overdue'),
  }),
});

const ImpactType = builder.objectRef<Conclusion['impact'][number]>('ObjectiveImpact').implement({
  fields: (t) => ({ objectiveId: t.exposeString('objectiveId'), met: t.exposeBoolean('met'), note: t.exposeString('note') }),
});

const ConclusionType = builder.objectRef<Conclusion>('ResultsAnalysis').implement({
  description: 'The Assessment: a process evaluation, an impact evaluation per objective, what worked and did not, displacement by each of its five kinds, and diffusion of benefits.',
  fields: (t) => ({
    concludedOn: t.field({ type: 'Date', resolve: (c) => c.concludedOn }),
    process: t.field({ type: ProcessEvaluationType, resolve: (c) => c.process }),
    impact: t.field({ type: [ImpactType], resolve: (c) => c.impact }),
    whatWorked: t.exposeString('whatWorked'),
    whatDidNot: t.exposeString('whatDidNot'),
    displacement: t.field({ type: [DisplacementCheckType], resolve: (c) => Object.entries(c.displacement).map(([kind, check]) => ({ kind, ...check })) }),
    diffusionOfBenefits: t.exposeString('diffusionOfBenefits'),
  }),
});

const SignOffType = builder.objectRef<{ partyId: string; name: string; satisfied: boolean | null; comment: string | null }>('ClosureSignOff').implement({
  fields: (t) => ({
    partyId: t.exposeString('partyId'),
    name: t.exposeString('name'),
    satisfied: t.exposeBoolean('satisfied', { nullable: true, description: 'Null: not signed yet.' }),
    comment: t.exposeString('comment', { nullable: true }),
  }),
});

const ClosureType = builder.objectRef<PlanView>('ClosureStatus').implement({
  description: 'Whether the plan can close, and who stands between it and closure.',
  fields: (t) => ({
    proposed: t.boolean({ resolve: (v) => v.plan.closure !== null }),
    justification: t.string({ nullable: true, resolve: (v) => v.plan.closure?.justification ?? null }),
    proposedOn: t.field({ type: 'Date', nullable: true, resolve: (v) => v.plan.closure?.proposedOn ?? null }),
    signOffs: t.field({
      type: [SignOffType],
      description: 'Every raising party, with their answer if they have given one.',
      resolve: (v) =>
        [...v.plan.raisers.values()].map((party) => {
          const signOff = v.plan.closure?.signOffs.get(party.partyId);
          return { partyId: party.partyId, name: party.name, satisfied: signOff?.satisfied ?? null, comment: signOff?.comment ?? null };
        }),
    }),
    blockers: t.stringList({ description: 'Every reason the plan cannot close now; empty when it can.', resolve: (v) => [...closureStanding(v.plan).blockers] }),
    canClose: t.boolean({ resolve: (v) => v.plan.stage !== 'closed' && closureStanding(v.plan).blockers.length === 0 }),
    closedOn: t.field({ type: 'Date', nullable: true, resolve: (v) => v.plan.closedOn }),
  }),
});

export const HappeningType = builder.objectRef<Happening>('PlanHappening').implement({
  description: 'A dated happening on the plan’s timeline.',
  fields: (t) => ({
    on: t.field({ type: 'Date', resolve: (h) => h.on }),
    kind: t.exposeString('kind'),
    summary: t.exposeString('summary'),
    revision: t.int({ resolve: (h) => Number(h.revision) }),
    recordedAt: t.field({ type: 'DateTime', resolve: (h) => h.recordedAt }),
    byAgency: t.exposeString('byAgency'),
  }),
});

export const ResponseActionType = builder.objectRef<ResponseAction>('PlanResponseAction').implement({
  fields: (t) => ({
    actionId: t.exposeString('actionId'),
    agencyId: t.exposeString('agencyId'),
    description: t.exposeString('description'),
    dueOn: t.field({ type: 'Date', resolve: (a) => a.dueOn }),
    outcome: t.string({ nullable: true, resolve: (a) => a.outcome?.status ?? null }),
    outcomeOn: t.field({ type: 'Date', nullable: true, resolve: (a) => a.outcome?.on ?? null }),
  }),
});

const EscalationType = builder.objectRef<{ resourceRequested: string; reason: string; escalatedOn: string }>('PlanEscalation').implement({
  description: 'An escalation to the Tactical Tasking and Co-ordination Group for a resource the plan cannot get locally.',
  fields: (t) => ({
    resourceRequested: t.exposeString('resourceRequested'),
    reason: t.exposeString('reason'),
    escalatedOn: t.field({ type: 'Date', resolve: (e) => e.escalatedOn }),
  }),
});

const ReopeningType = builder.objectRef<{ reason: string; reopenedOn: string }>('PlanReopening').implement({
  fields: (t) => ({ reason: t.exposeString('reason'), reopenedOn: t.field({ type: 'Date', resolve: (r) => r.reopenedOn }) }),
});

export const PlanRef = builder.objectRef<PlanView>('Plan');

builder.node(PlanRef, {
  description: 'A SARA problem-solving plan: every section of the minimum content of ACPO 2006, 4.7.4.',
  id: { resolve: (v) => v.planId },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'planId' in value && 'happenings' in value,
  loadOne: (id, ctx: GraphQLContext) => ctx.records.plan(id) ?? null,
  // The access policy again, on every plan served: a resolver that reached a plan out of the caller's sight fails instead of leaking it.
  authScopes: (view) => ({ seesPlan: view }),
  fields: (t) => ({
    reference: t.string({ description: 'The human reference, e.g. PSP-2026-0007.', resolve: (v) => v.plan.reference }),
    revision: t.int({ description: 'The stream revision: send it as `expectedRevision` to change the plan only as you read it.', resolve: (v) => Number(v.revision) }),
    title: t.string({ resolve: (v) => v.plan.title }),
    description: t.string({ nullable: true, resolve: (v) => v.plan.description ?? null }),
    stage: t.field({ type: PlanStageEnum, resolve: (v) => v.plan.stage as PlanStage }),
    neighbourhoodId: t.string({ resolve: (v) => v.plan.neighbourhoodId }),
    priorityId: t.string({ nullable: true, resolve: (v) => v.plan.priorityId ?? null }),
    openedOn: t.field({ type: 'Date', resolve: (v) => v.plan.openedOn }),
    owner: t.field({ type: PersonType, nullable: true, resolve: (v) => v.plan.owner }),
    partners: t.field({ type: [PersonType], description: 'Representatives of partner agencies and community groups.', resolve: (v) => [...v.plan.partners.values()] }),
    raisedBy: t.field({ type: [RaisingPartyType], resolve: (v) => [...v.plan.raisers.values()].map((party) => ({ party, view: v })) }),
    objectives: t.field({ type: [ObjectiveType], resolve: (v) => [...v.plan.objectives.values()] }),
    scanning: t.field({ type: ScanningType, nullable: true, resolve: (v) => v.plan.scanning }),
    analysis: t.field({ type: AnalysisType, nullable: true, resolve: (v) => v.plan.analysis }),
    responsePlans: t.field({
      type: [ResponsePlanType],
      description: 'The prevention, intelligence and enforcement plans recorded so far.',
      resolve: (v) => Object.entries(v.plan.responses).map(([strand, plan]) => ({ strand, ...plan })),
    }),
    riskAssessments: t.field({ type: [AssessmentType], description: 'Every risk assessment, oldest first: the last is current.', resolve: (v) => [...v.plan.risk] }),
    communityImpactAssessments: t.field({ type: [AssessmentType], description: 'Every community-impact assessment, oldest first.', resolve: (v) => [...v.plan.communityImpact] }),
    meetings: t.field({ type: [MeetingType], resolve: (v) => [...v.plan.meetings] }),
    reviews: t.field({ type: [ReviewType], resolve: (v) => [...v.plan.reviews.values()] }),
    nextReviewDue: t.field({ type: 'Date', nullable: true, resolve: (v) => nextReviewDue(v.plan) }),
    reviewOverdue: t.boolean({ description: 'The next review day has passed, by the server’s clock.', resolve: (v, _a, ctx) => isReviewOverdue(v.plan, todayOf(ctx)) }),
    responseActions: t.field({ type: [ResponseActionType], resolve: (v) => [...v.plan.actions.values()] }),
    measurements: t.field({ type: [MeasurementType], resolve: (v) => [...v.plan.measurements] }),
    results: t.field({ type: [ObjectiveResultType], description: 'Results analysis per objective.', resolve: (v) => resultsByObjective(v.plan) }),
    resultsAnalysis: t.field({ type: ConclusionType, nullable: true, resolve: (v) => v.plan.conclusion }),
    closure: t.field({ type: ClosureType, resolve: (v) => v }),
    escalations: t.field({ type: [EscalationType], resolve: (v) => [...v.plan.escalations] }),
    reopenings: t.field({ type: [ReopeningType], resolve: (v) => [...v.plan.reopenings] }),
    timeline: t.field({ type: [HappeningType], description: 'Every dated happening, in order.', resolve: (v) => timelineOf(v) }),
  }),
});
