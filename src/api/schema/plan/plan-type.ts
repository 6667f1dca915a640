/**
 * The `Plan` node: a SARA problem-solving plan with every section of the
 * minimum content of ACPO 2006, 4.7.4, as the plan read model holds it.
 */
import type { Aim, Objective, PlanStage } from '../../../domain/plan/commands.js';
import { closureStanding, nextReviewDue } from '../../../domain/plan/evaluation.js';
import type { Analysis, Assessment, Conclusion, Meeting, Measurement, ResponseAction, Review, Scanning } from '../../../domain/plan/state.js';
import { mopiReviewDueOf, type RetentionReview } from '../../../domain/shared/retention.js';
import { type PersonRef, publicNameOf, type RecordedRaisingParty } from '../../../domain/shared/values.js';
import { type Happening, isReviewOverdue, type ObjectiveResult, type PlanView, resultsByObjective, timelineOf } from '../../../projections/plans.js';
import type { GraphQLContext } from '../../context.js';
import { builder } from '../builder.js';
import { PersonalDataStatusEnum } from '../personal-data-status.js';
import { dayFor, liveViewOf } from '../records/as-of-view.js';


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
    name: t.exposeString('name', { description: 'Their name.' }),
    role: t.exposeString('role', { nullable: true, description: 'Their role in their agency or group, e.g. ASB officer; null if none was given.' }),
    agencyId: t.exposeString('agencyId', { nullable: true, description: 'The agency they belong to, if any.' }),
    communityGroup: t.exposeString('communityGroup', { nullable: true, description: 'The community group they belong to, if any.' }),
  }),
});

/** A raising party as served: with the plan it raised, which decides who may read a private person's details. */
interface RaisingPartyOnPlan {
  readonly party: RecordedRaisingParty;
  readonly view: PlanView;
}

/** A resident is a private person: their name and contact are personal data. Groups, businesses, councillors, agencies and schools are not. */
const isPrivatePerson = (party: RecordedRaisingParty) => party.kind === 'resident';

/** A party's personal data (a resident's name, any contact) for this caller: need-to-know on the plan, auditors only while restricted. */
const readsParty = (r: RaisingPartyOnPlan, ctx: GraphQLContext) => ctx.records.readsResidentOnPlan(liveViewOf(r.view), r.party.personId);

const RaisingPartyType = builder.objectRef<RaisingPartyOnPlan>('RaisingParty').implement({
  description:
    'Someone who raised the problem; they must be satisfied before the plan closes. They need not use Casebook. A resident’s name and every party’s contact are personal data: only the agencies on the plan, and auditors, read them.',
  fields: (t) => ({
    partyId: t.string({ description: 'The id sign-offs name them by.', resolve: (r) => r.party.partyId }),
    name: t.string({
      nullable: true,
      description: 'Their name; null for a resident when the caller’s agency is not on the plan (personal data), while they are restricted (auditors only), or once they are erased.',
      authScopes: (r) => (isPrivatePerson(r.party) ? { personalDataOnPlan: liveViewOf(r.view) } : { signedIn: true }),
      unauthorizedResolver: () => null,
      resolve: (r, _a, ctx) => (!isPrivatePerson(r.party) || readsParty(r, ctx) ? r.party.name : null),
    }),
    kind: t.string({ description: 'resident, community-group, business, councillor, agency or school.', resolve: (r) => r.party.kind }),
    personId: t.id({
      nullable: true,
      description: 'A resident’s person id, which Casebook gives them: the key their name and contact are sealed under, and what `erasePerson`, `restrictPerson` and `personalDataStanding` take. Null for any other party, and for a resident recorded before residents had one.',
      resolve: (r) => r.party.personId ?? null,
    }),
    agencyId: t.string({
      nullable: true,
      description: 'The agency the party is, or speaks for; null if none was given. That agency takes part in the plan: it sees the plan and its personal data.',
      resolve: (r) => r.party.agencyId ?? null,
    }),
    contact: t.string({
      nullable: true,
      description: 'How to reach them, if recorded; null when the caller’s agency is not on the plan (personal data).',
      authScopes: (r) => ({ personalDataOnPlan: liveViewOf(r.view) }),
      unauthorizedResolver: () => null,
      resolve: (r, _a, ctx) => (readsParty(r, ctx) ? (r.party.contact ?? null) : null),
    }),
    personalDataWithheld: t.boolean({
      description: 'True when this party’s personal data is withheld from the caller: need-to-know, or a resident restricted and the caller not an auditor.',
      resolve: (r, _a, ctx) => (isPrivatePerson(r.party) || r.party.contact !== undefined) && r.party.name !== null && !readsParty(r, ctx),
    }),
    personalData: t.field({
      type: PersonalDataStatusEnum,
      description: 'Where a resident’s name and contact stand for the caller: `shown`, `withheld` (need-to-know), `restricted` (auditors only) or `erased`. `shown` for a group, business, councillor, agency or school, whose name is not personal data.',
      resolve: (r, _a, ctx) => {
        if (!isPrivatePerson(r.party) && r.party.contact === undefined) return 'shown';
        if (!ctx.records.readsPersonalDataOnPlan(liveViewOf(r.view))) return 'withheld';
        if (r.party.name === null) return 'erased';
        return r.party.personId !== undefined && ctx.records.isRestricted(r.party.personId) ? 'restricted' : 'shown';
      },
    }),
  }),
});

const AimType = builder.objectRef<Aim>('Aim').implement({
  description: 'Where the objective sits on the impact scale: eliminate, reduce (by a per cent), reduce-seriousness, handle-more-efficiently or hand-over.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'eliminate, reduce, reduce-seriousness, handle-more-efficiently or hand-over.' }),
    byPercent: t.float({ nullable: true, description: 'For reduce: by how many per cent (more than 0, at most 100); null for every other kind.', resolve: (a) => (a.kind === 'reduce' ? a.byPercent : null) }),
    handedOverTo: t.string({ nullable: true, description: 'For hand-over: who takes the problem over; null for every other kind.', resolve: (a) => (a.kind === 'hand-over' ? a.to : null) }),
  }),
});

const ObjectiveType = builder.objectRef<Objective>('Objective').implement({
  description: 'A SMART objective: a measure, a baseline, a target and a date.',
  fields: (t) => ({
    objectiveId: t.exposeString('objectiveId', { description: 'Its id in this plan, e.g. `firework-calls`: measurements and the impact evaluation name the objective by it.' }),
    statement: t.exposeString('statement', { description: 'The objective, in words.' }),
    measure: t.exposeString('measure', { description: 'What is counted, and from which source.' }),
    baseline: t.exposeFloat('baseline', { description: 'The measure before the response: the number results are compared with.' }),
    target: t.exposeFloat('target', { description: 'The number aimed for, in the units of the baseline: below it when `direction` is decrease, above it when increase.' }),
    direction: t.exposeString('direction', { description: 'decrease or increase: which way is success.' }),
    byDate: t.field({ type: 'Date', description: 'The day by which the target is to be reached.', resolve: (o) => o.byDate }),
    aim: t.field({ type: AimType, description: 'Where the objective sits on the impact scale.', resolve: (o) => o.aim }),
  }),
});

const ScanningType = builder.objectRef<Scanning>('Scanning').implement({
  description: 'Scanning: what was noticed, where, when, who reported it, from which sources, and why it was prioritised.',
  fields: (t) => ({
    initialIndicators: t.exposeStringList('initialIndicators', { description: 'What first showed the problem.' }),
    description: t.exposeString('description', { description: 'The problem as it was reported.' }),
    where: t.exposeString('where', { description: 'Where it happens.' }),
    when: t.exposeString('when', { description: 'When it happens.' }),
    reportedBy: t.exposeString('reportedBy', { description: 'Who reported it.' }),
    sources: t.exposeStringList('sources', {
      description: 'Where it came to light: calls-for-service, partner-data, community-engagement, crime-records, patrol-observation or other.',
    }),
    whyPrioritised: t.exposeString('whyPrioritised', { description: 'Why the partnership took it on.' }),
  }),
});

const ProblemMatrixType = builder.objectRef<Analysis['problemMatrix']>('ProblemMatrix').implement({
  description: 'The problem matrix: nine questions about the problem, each answered in words.',
  fields: (t) => ({
    what: t.exposeString('what', { description: 'What happens.' }),
    offenders: t.exposeString('offenders', { description: 'Who offends.' }),
    victims: t.exposeString('victims', { description: 'Who or what is victimised.' }),
    where: t.exposeString('where', { description: 'Where it happens.' }),
    when: t.exposeString('when', { description: 'When it happens.' }),
    how: t.exposeString('how', { description: 'How it is done.' }),
    howOften: t.exposeString('howOften', { description: 'How often it happens.' }),
    impact: t.exposeString('impact', { description: 'What impact it has.' }),
    repeats: t.exposeString('repeats', { description: 'Whether offenders, victims or places repeat.' }),
  }),
});

const TriangleSideType = builder.objectRef<{ description: string; controller: string }>('TriangleSide').implement({
  description: 'One side of the problem analysis triangle, with the controller who can act on it.',
  fields: (t) => ({
    description: t.exposeString('description', { description: 'This side: the offenders, the victims or targets, or the place.' }),
    controller: t.exposeString('controller', { description: 'The handler, guardian or place manager who can act on this side.' }),
  }),
});

const TriangleType = builder.objectRef<Analysis['triangle']>('ProblemAnalysisTriangle').implement({
  description: 'Offender, target and place, each with its controller: handler, guardian, manager.',
  fields: (t) => ({
    offender: t.field({
      type: TriangleSideType,
      description: 'The offenders, with their handler: who can influence them.',
      resolve: (tr) => ({ description: tr.offender.description, controller: tr.offender.handler }),
    }),
    target: t.field({
      type: TriangleSideType,
      description: 'The victims or targets, with their guardian: who can protect them.',
      resolve: (tr) => ({ description: tr.target.description, controller: tr.target.guardian }),
    }),
    place: t.field({
      type: TriangleSideType,
      description: 'The place, with its manager: who is responsible for it.',
      resolve: (tr) => ({ description: tr.place.description, controller: tr.place.manager }),
    }),
  }),
});

const AnalysisType = builder.objectRef<Analysis>('Analysis').implement({
  description: 'Analysis: the problem matrix, the problem analysis triangle, the hypotheses and the data looked at.',
  fields: (t) => ({
    problemMatrix: t.field({ type: ProblemMatrixType, description: 'The nine questions of the problem matrix, answered.', resolve: (a) => a.problemMatrix }),
    triangle: t.field({ type: TriangleType, description: 'The problem analysis triangle.', resolve: (a) => a.triangle }),
    hypotheses: t.exposeStringList('hypotheses', { description: 'Why the problem happens, as the partners think.' }),
    dataUsed: t.exposeStringList('dataUsed', { description: 'The data looked at.' }),
  }),
});

const ResponsePlanType = builder.objectRef<{ strand: string; plan: string; communicationStrategy: string; communityEngagement?: string | undefined }>('ResponsePlan').implement({
  description: 'A prevention, intelligence or enforcement plan with its communication strategy.',
  fields: (t) => ({
    strand: t.exposeString('strand', { description: 'prevention, intelligence or enforcement.' }),
    plan: t.exposeString('plan', { description: 'What will be done, by whom.' }),
    communicationStrategy: t.exposeString('communicationStrategy', { description: 'How the response will be told to the community and partners.' }),
    communityEngagement: t.exposeString('communityEngagement', { nullable: true, description: 'How the community takes part in the response; null if none was given.' }),
  }),
});

const AssessmentType = builder.objectRef<Assessment>('Assessment').implement({
  description: 'A risk or community-impact assessment: a level, the reasons for it, and the day it was made.',
  fields: (t) => ({
    level: t.field({ type: RiskLevelEnum, description: 'The level assessed.', resolve: (a) => a.level }),
    reasons: t.exposeString('reasons', { description: 'Why this level.' }),
    assessedOn: t.field({ type: 'Date', description: 'The day it was assessed.', resolve: (a) => a.assessedOn }),
  }),
});

const MeetingType = builder.objectRef<Meeting>('ProblemSolvingMeeting').implement({
  description: 'A problem-solving meeting held on the plan (4.7.4 item 5): when, who chaired, who attended, the decisions and the actions agreed.',
  fields: (t) => ({
    meetingId: t.exposeString('meetingId', { description: 'The id it was recorded with, e.g. `psm-2026-10-14`.' }),
    heldOn: t.field({ type: 'Date', description: 'The day it was held.', resolve: (m) => m.heldOn }),
    chair: t.exposeString('chair', { description: 'Who chaired it.' }),
    attendees: t.field({ type: [PersonType], description: 'Who attended.', resolve: (m) => m.attendees }),
    decisions: t.exposeStringList('decisions', { description: 'The decisions made; may be empty.' }),
    actionsAgreed: t.exposeStringList('actionsAgreed', {
      description: 'The actions agreed, as the meeting wrote them; may be empty. They are followed up as partner actions once assigned (`assignAction`).',
    }),
  }),
});

const ReviewType = builder.objectRef<Review>('PlanReview').implement({
  description: 'A supervisory review: scheduled, then done by a supervisor with a finding and the next date.',
  fields: (t) => ({
    reviewId: t.exposeString('reviewId', { description: 'The id it was scheduled with, e.g. `review-1`.' }),
    dueOn: t.field({ type: 'Date', description: 'The day it is due.', resolve: (r) => r.dueOn }),
    doneOn: t.field({ type: 'Date', nullable: true, description: 'The day it was done; null until then.', resolve: (r) => r.done?.doneOn ?? null }),
    reviewer: t.string({
      nullable: true,
      description: 'The supervisor who recorded it, by the name their token gives (else their user id); null until it is done.',
      resolve: (r) => r.done?.reviewer ?? null,
    }),
    finding: t.string({ nullable: true, description: 'What it found; null until it is done.', resolve: (r) => r.done?.finding ?? null }),
    nextReviewOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The next review day it set; null until it is done, or if it set none.',
      resolve: (r) => r.done?.nextReviewOn ?? null,
    }),
  }),
});

const MeasurementType = builder.objectRef<Measurement>('ResultMeasurement').implement({
  description: 'A measurement of one objective’s measure after the response, optionally with the same measure in a comparison area.',
  fields: (t) => ({
    objectiveId: t.exposeString('objectiveId', { description: 'The objective measured.' }),
    measuredOn: t.field({ type: 'Date', description: 'The day of the measurement.', resolve: (m) => m.measuredOn }),
    value: t.exposeFloat('value', { description: 'The value of the objective’s measure, in the units of its baseline and target.' }),
    comparisonAreaValue: t.exposeFloat('comparisonAreaValue', { nullable: true, description: 'The same measure in a comparison area without the response; null if none was given.' }),
    note: t.exposeString('note', { nullable: true, description: 'How it was measured, or what qualifies it; null if none was given.' }),
  }),
});

const ObjectiveResultType = builder.objectRef<ObjectiveResult>('ObjectiveResult').implement({
  description: 'One objective’s results: baseline, target, the latest measurement, the change and whether it is met.',
  fields: (t) => ({
    objectiveId: t.exposeString('objectiveId', { description: 'The objective’s id in the plan.' }),
    statement: t.exposeString('statement', { description: 'The objective, in words.' }),
    baseline: t.exposeFloat('baseline', { description: 'The measure before the response.' }),
    target: t.exposeFloat('target', { description: 'The number aimed for.' }),
    latestValue: t.float({ nullable: true, description: 'The value of the latest measurement (by the day measured); null before any.', resolve: (r) => r.latest?.value ?? null }),
    latestMeasuredOn: t.field({ type: 'Date', nullable: true, description: 'The day of the latest measurement; null before any.', resolve: (r) => r.latest?.measuredOn ?? null }),
    comparisonAreaValue: t.float({
      nullable: true,
      description: 'The comparison area’s value in the latest measurement; null when it has none.',
      resolve: (r) => r.latest?.comparisonAreaValue ?? null,
    }),
    changePercent: t.exposeFloat('changePercent', { nullable: true, description: 'Change from the baseline, in per cent of it.' }),
    met: t.exposeBoolean('met', { nullable: true, description: 'As concluded in the results analysis; before it, whether the latest measurement reaches the target.' }),
    concluded: t.exposeBoolean('concluded', { description: 'True once the results analysis has judged this objective; `met` is then that judgement.' }),
  }),
});

const DisplacementCheckType = builder.objectRef<{ kind: string; found: boolean; note: string }>('DisplacementCheck').implement({
  description: 'One of the five kinds of displacement, as looked for in the results analysis.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'temporal, spatial, target, tactical or offence.' }),
    found: t.exposeBoolean('found', { description: 'True if the problem was found to have moved this way.' }),
    note: t.exposeString('note', { description: 'What was looked at, and what was seen.' }),
  }),
});

const ProcessEvaluationType = builder.objectRef<Conclusion['process']>('ProcessEvaluation').implement({
  description: 'Was each planned action done as planned? Counted from the plan’s response actions when the results were concluded.',
  fields: (t) => ({
    planned: t.exposeInt('planned', { description: 'How many response actions the plan had.' }),
    done: t.exposeInt('done', { description: 'How many were done.' }),
    doneLate: t.exposeInt('doneLate', { description: 'How many of those done were done after their due day.' }),
    cancelled: t.exposeInt('cancelled', { description: 'How many were cancelled.' }),
    stillOpen: t.exposeInt('stillOpen', { description: 'How many were neither done nor cancelled.' }),
    overdue: t.exposeInt('overdue', { description: 'How many of those still open were past their due day on the day the results were concluded.' }),
  }),
});

const ImpactType = builder.objectRef<Conclusion['impact'][number]>('ObjectiveImpact').implement({
  description: 'The impact evaluation of one objective: met or not, and why.',
  fields: (t) => ({
    objectiveId: t.exposeString('objectiveId', { description: 'The objective judged.' }),
    met: t.exposeBoolean('met', { description: 'Whether it was met.' }),
    note: t.exposeString('note', { description: 'Why it was judged so.' }),
  }),
});

const ConclusionType = builder.objectRef<Conclusion>('ResultsAnalysis').implement({
  description: 'The Assessment: a process evaluation, an impact evaluation per objective, what worked and did not, displacement by each of its five kinds, and diffusion of benefits.',
  fields: (t) => ({
    concludedOn: t.field({ type: 'Date', description: 'The day it was concluded.', resolve: (c) => c.concludedOn }),
    process: t.field({ type: ProcessEvaluationType, description: 'The process evaluation: was each planned action done as planned?', resolve: (c) => c.process }),
    impact: t.field({ type: [ImpactType], description: 'The impact evaluation: every objective, judged met or not.', resolve: (c) => c.impact }),
    whatWorked: t.exposeString('whatWorked', { description: 'What worked.' }),
    whatDidNot: t.exposeString('whatDidNot', { description: 'What did not work.' }),
    displacement: t.field({
      type: [DisplacementCheckType],
      description: 'Displacement looked for: one entry for each of its five kinds.',
      resolve: (c) => Object.entries(c.displacement).map(([kind, check]) => ({ kind, ...check })),
    }),
    diffusionOfBenefits: t.exposeString('diffusionOfBenefits', { description: 'Any diffusion of benefits: improvement beyond the places, times or people the response aimed at.' }),
  }),
});

const SignOffType = builder.objectRef<{ partyId: string; name: string; satisfied: boolean | null; comment: string | null }>('ClosureSignOff').implement({
  description: 'One raising party and their answer to the proposed closure.',
  fields: (t) => ({
    partyId: t.exposeString('partyId', { description: 'The party’s id on this plan.' }),
    name: t.exposeString('name', { description: 'The party’s name; for a resident (a private person), “a resident” unless the caller’s agency is on the plan or the caller is an auditor.' }),
    satisfied: t.exposeBoolean('satisfied', { nullable: true, description: 'Null: not signed yet.' }),
    comment: t.exposeString('comment', { nullable: true, description: 'Their comment; null until they sign.' }),
  }),
});

const ClosureType = builder.objectRef<PlanView>('ClosureStatus').implement({
  description: 'Whether the plan can close, and who stands between it and closure.',
  fields: (t) => ({
    proposed: t.boolean({ description: 'True when a closure is proposed. Reopening a plan clears its proposal.', resolve: (v) => v.plan.closure !== null }),
    justification: t.string({ nullable: true, description: 'The proposed justification; null when no closure is proposed.', resolve: (v) => v.plan.closure?.justification ?? null }),
    proposedOn: t.field({ type: 'Date', nullable: true, description: 'The day of the proposal; null when no closure is proposed.', resolve: (v) => v.plan.closure?.proposedOn ?? null }),
    signOffs: t.field({
      type: [SignOffType],
      description: 'Every raising party, with their answer if they have given one.',
      resolve: (v, _a, ctx) =>
        [...v.plan.raisers.values()].map((party) => {
          const signOff = v.plan.closure?.signOffs.get(party.partyId);
          const name = ctx.records.readsResidentOnPlan(liveViewOf(v), party.personId) ? (party.name ?? publicNameOf(party)) : publicNameOf(party);
          return { partyId: party.partyId, name, satisfied: signOff?.satisfied ?? null, comment: signOff?.comment ?? null };
        }),
    }),
    blockers: t.stringList({ description: 'Every reason the plan cannot close now; empty when it can.', resolve: (v) => [...closureStanding(v.plan).blockers] }),
    canClose: t.boolean({
      description: 'True when the plan is open and nothing stands in the way of `closePlan` (`blockers` is empty).',
      resolve: (v) => v.plan.stage !== 'closed' && closureStanding(v.plan).blockers.length === 0,
    }),
    closedOn: t.field({ type: 'Date', nullable: true, description: 'The day the plan closed; null while it is open, as it is again once reopened.', resolve: (v) => v.plan.closedOn }),
  }),
});

export const HappeningType = builder.objectRef<Happening>('PlanHappening').implement({
  description: 'A dated happening on the plan’s timeline.',
  fields: (t) => ({
    on: t.field({ type: 'Date', description: 'The day it happened or falls due: the record’s own date where it has one, else the day it was recorded (UTC).', resolve: (h) => h.on }),
    kind: t.exposeString('kind', {
      description:
        'What happened: opened, owner, partner, raiser, objective, scanning, analysis, response-plan, risk, community-impact, meeting, review-due, review-done, stage, measurement, results, closure-proposed, sign-off, closed, reopened, retention-review, escalated, action-due or action-outcome.',
    }),
    summary: t.exposeString('summary', { description: 'One line for people, e.g. “Supervisory review due”. A resident who raised the plan is named “a resident”.' }),
    revision: t.int({ description: 'The plan’s stream revision at the event that recorded it.', resolve: (h) => Number(h.revision) }),
    recordedAt: t.field({ type: 'DateTime', description: 'When it was recorded.', resolve: (h) => h.recordedAt }),
    byAgency: t.exposeString('byAgency', { description: 'The agency of the person who recorded it.' }),
  }),
});

export const ResponseActionType = builder.objectRef<ResponseAction>('PlanResponseAction').implement({
  description: 'A partner action as the plan counts it among its response actions: its agency, due day and outcome. The plan’s `actions` give the actions in full.',
  fields: (t) => ({
    actionId: t.exposeString('actionId', { description: 'The partner action’s UUID (not its global id).' }),
    agencyId: t.exposeString('agencyId', { description: 'The agency it is assigned to.' }),
    description: t.exposeString('description', { description: 'What is to be done.' }),
    dueOn: t.field({ type: 'Date', description: 'The day it is due, as last rescheduled.', resolve: (a) => a.dueOn }),
    outcome: t.string({ nullable: true, description: 'done or cancelled; null while it is open.', resolve: (a) => a.outcome?.status ?? null }),
    outcomeOn: t.field({ type: 'Date', nullable: true, description: 'The day it was done or cancelled; null while it is open.', resolve: (a) => a.outcome?.on ?? null }),
  }),
});

const EscalationType = builder.objectRef<{ resourceRequested: string; reason: string; escalatedOn: string }>('PlanEscalation').implement({
  description: 'An escalation to the Tactical Tasking and Co-ordination Group for a resource the plan cannot get locally.',
  fields: (t) => ({
    resourceRequested: t.exposeString('resourceRequested', { description: 'What was asked of the TT&CG.' }),
    reason: t.exposeString('reason', { description: 'Why it could not be had locally.' }),
    escalatedOn: t.field({ type: 'Date', description: 'The day of the escalation.', resolve: (e) => e.escalatedOn }),
  }),
});

const ReopeningType = builder.objectRef<{ reason: string; reopenedOn: string }>('PlanReopening').implement({
  description: 'A reopening of the closed plan, with its reason.',
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'Why it was reopened.' }),
    reopenedOn: t.field({ type: 'Date', description: 'The day it was reopened.', resolve: (r) => r.reopenedOn }),
  }),
});

/** A MoPI retention review of a closed plan or ASB case (the AsbCase type uses it too). */
export const RetentionReviewType = builder.objectRef<RetentionReview>('RetentionReview').implement({
  description: 'A MoPI retention review of the closed record: the decision, why, and the next review when it is retained.',
  fields: (t) => ({
    reviewedOn: t.field({ type: 'Date', description: 'The day of the review.', resolve: (r) => r.reviewedOn }),
    decision: t.exposeString('decision', { description: '`retain` (kept until the next review) or `dispose` (marked for disposal: nothing is erased yet).' }),
    reason: t.exposeString('reason', { description: 'Why: every decision to retain is recorded with its reason (MoPI), and so is one to dispose.' }),
    nextReviewOn: t.field({ type: 'Date', nullable: true, description: 'The next review, for a record retained; null when marked for disposal.', resolve: (r) => r.nextReviewOn ?? null }),
    reviewer: t.string({ description: 'Who reviewed it: their name, and their agency in brackets.', resolve: (r) => `${r.reviewer.name} (${r.reviewer.agencyId})` }),
    closedOn: t.field({ type: 'Date', description: 'The closing it reviewed: a reopened record keeps the reviews of its earlier closings.', resolve: (r) => r.closedOn }),
  }),
});

export const PlanRef = builder.objectRef<PlanView>('Plan');

builder.node(PlanRef, {
  description: 'A SARA problem-solving plan: every section of the minimum content of ACPO 2006, 4.7.4.',
  id: { description: 'The plan’s global id: give it to `plan`, `node` and the plan mutations.', resolve: (v) => v.planId },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'planId' in value && 'happenings' in value,
  // Reached only through ctx.records (lint-enforced). A type-level scope check here as well cost a quarter of
  // a plan query's CPU (bench/api: it wraps every field of every plan and action served), so test/e2e/access.test.ts
  // checks every way in from outside instead.
  loadOne: (id, ctx: GraphQLContext) => ctx.records.plan(id) ?? null,
  fields: (t) => ({
    reference: t.string({ description: 'The human reference, e.g. PSP-2026-0007.', resolve: (v) => v.plan.reference }),
    revision: t.int({ description: 'The stream revision: send it as `expectedRevision` to change the plan only as you read it.', resolve: (v) => Number(v.revision) }),
    title: t.string({ description: 'The plan’s title.', resolve: (v) => v.plan.title }),
    description: t.string({ nullable: true, description: 'The problem, as described when the plan was opened; null if it was not.', resolve: (v) => v.plan.description ?? null }),
    stage: t.field({ type: PlanStageEnum, description: 'Its SARA stage.', resolve: (v) => v.plan.stage as PlanStage }),
    neighbourhoodId: t.string({ description: 'The UUID of the neighbourhood the problem is in.', resolve: (v) => v.plan.neighbourhoodId }),
    priorityId: t.string({ nullable: true, description: 'The UUID of the neighbourhood priority it tackles; null if none.', resolve: (v) => v.plan.priorityId ?? null }),
    openedOn: t.field({ type: 'Date', description: 'The day it was opened.', resolve: (v) => v.plan.openedOn }),
    owner: t.field({ type: PersonType, nullable: true, description: 'The named person answerable for the plan; null until one is assigned (`assignPlanOwner`).', resolve: (v) => v.plan.owner }),
    partners: t.field({ type: [PersonType], description: 'Representatives of partner agencies and community groups.', resolve: (v) => [...v.plan.partners.values()] }),
    raisedBy: t.field({
      type: [RaisingPartyType],
      description: 'Who raised the problem: each must be satisfied before the plan closes.',
      resolve: (v) => [...v.plan.raisers.values()].map((party) => ({ party, view: v })),
    }),
    objectives: t.field({ type: [ObjectiveType], description: 'Its SMART objectives, in the order first set; a revised objective keeps its place.', resolve: (v) => [...v.plan.objectives.values()] }),
    scanning: t.field({ type: ScanningType, nullable: true, description: 'The Scanning section; null until it is recorded.', resolve: (v) => v.plan.scanning }),
    analysis: t.field({ type: AnalysisType, nullable: true, description: 'The Analysis section; null until it is recorded.', resolve: (v) => v.plan.analysis }),
    responsePlans: t.field({
      type: [ResponsePlanType],
      description: 'The prevention, intelligence and enforcement plans recorded so far.',
      resolve: (v) => Object.entries(v.plan.responses).map(([strand, plan]) => ({ strand, ...plan })),
    }),
    riskAssessments: t.field({ type: [AssessmentType], description: 'Every risk assessment, oldest first: the last is current.', resolve: (v) => [...v.plan.risk] }),
    communityImpactAssessments: t.field({ type: [AssessmentType], description: 'Every community-impact assessment, oldest first.', resolve: (v) => [...v.plan.communityImpact] }),
    meetings: t.field({ type: [MeetingType], description: 'Its problem-solving meetings, in the order recorded.', resolve: (v) => [...v.plan.meetings] }),
    reviews: t.field({ type: [ReviewType], description: 'Its supervisory reviews, scheduled and done, in the order scheduled.', resolve: (v) => [...v.plan.reviews.values()] }),
    nextReviewDue: t.field({
      type: 'Date',
      nullable: true,
      description: 'When the next supervisory review is due: the earliest scheduled review not yet done, else the next review day the latest review set; null when there is neither.',
      resolve: (v) => nextReviewDue(v.plan),
    }),
    reviewOverdue: t.boolean({
      description: 'The next review day has passed, by the server’s clock (for a plan read as of a past instant, by that instant’s day).',
      resolve: (v, _a, ctx) => isReviewOverdue(v.plan, dayFor(ctx, v)),
    }),
    responseActions: t.field({
      type: [ResponseActionType],
      description: 'The partner actions carrying out the response, as the plan counts them for its stage gate and its process evaluation, in the order assigned.',
      resolve: (v) => [...v.plan.actions.values()],
    }),
    measurements: t.field({ type: [MeasurementType], description: 'Every result measurement, in the order recorded.', resolve: (v) => [...v.plan.measurements] }),
    results: t.field({ type: [ObjectiveResultType], description: 'Results analysis per objective.', resolve: (v) => resultsByObjective(v.plan) }),
    resultsAnalysis: t.field({
      type: ConclusionType,
      nullable: true,
      description: 'The concluded results analysis of the Assessment stage; null until it is concluded, and again once the plan is reopened.',
      resolve: (v) => v.plan.conclusion,
    }),
    closure: t.field({ type: ClosureType, description: 'Whether the plan can close, and who stands between it and closure.', resolve: (v) => v }),
    escalations: t.field({ type: [EscalationType], description: 'Its escalations to the TT&CG, in the order recorded.', resolve: (v) => [...v.plan.escalations] }),
    reopenings: t.field({ type: [ReopeningType], description: 'Each time it was reopened, in the order recorded.', resolve: (v) => [...v.plan.reopenings] }),
    mopiReviewDueOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        'When the closed plan’s MoPI retention review falls due: the partnership’s years after its latest closing (six by default), or the next review a decision to retain set. Null while open, and once marked for disposal.',
      resolve: (v, _a, ctx) => mopiReviewDueOf(v.plan, ctx.casebook.retention.plan),
    }),
    retentionReviews: t.field({
      type: [RetentionReviewType],
      description: 'Every MoPI retention review, oldest first, those of earlier closings included (`recordRetentionReview`).',
      resolve: (v) => [...v.plan.retentionReviews],
    }),
    timeline: t.field({ type: [HappeningType], description: 'Every dated happening, in order.', resolve: (v) => timelineOf(v) }),
  }),
});
