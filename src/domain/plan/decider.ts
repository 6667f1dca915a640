/**
 * The SARA problem-solving plan (ACPO 2006, 4.7.4; DOMAIN.md). Every rule a
 * plan keeps is here, each broken rule a DomainError with a stable code:
 * partners' systems branch on the code, people read the sentence.
 */
import { type Actor, hasRole } from '../shared/actor.js';
import { refuseFutureDay } from '../shared/dates.js';
import type { Decider, DecideContext } from '../shared/decider.js';
import { DomainError, DomainForbidden } from '../shared/domain-error.js';
import { decideRetentionReview, retentionRuleCodes } from '../shared/retention.js';
import { representedBy } from '../shared/values.js';
import type { PlanCommand, PlanStage } from './commands.js';
import { closureStanding, evaluateProcess, missingToEnter, stageAfter } from './evaluation.js';
import type { PlanEvent } from './events.js';
import { evolvePlan, initialPlanState, type OpenedPlan, type PlanState } from './state.js';

/** The stable codes of the plan's rules, for the API's documentation and for partners' systems. */
export const planRuleCodes = [
  'PLAN_NOT_OPENED',
  'PLAN_ALREADY_OPENED',
  'PLAN_CLOSED',
  'PLAN_NOT_CLOSED',
  'PLAN_STAGE_OUT_OF_ORDER',
  'PLAN_NOT_READY_FOR_ANALYSIS',
  'PLAN_NOT_READY_FOR_RESPONSE',
  'PLAN_NOT_READY_FOR_ASSESSMENT',
  'PLAN_NOT_IN_ASSESSMENT',
  'PLAN_PARTNER_NOT_FOUND',
  'PLAN_PARTY_ALREADY_RAISED',
  'PLAN_PARTY_DID_NOT_RAISE',
  'OBJECTIVE_NOT_FOUND',
  'OBJECTIVE_TARGET_NOT_AN_IMPROVEMENT',
  'OBJECTIVE_DATE_BEFORE_OPENING',
  'REVIEW_ALREADY_SCHEDULED',
  'MEETING_ALREADY_RECORDED',
  'REVIEW_NOT_FOUND',
  'REVIEW_ALREADY_DONE',
  'REVIEW_NEEDS_SUPERVISOR',
  'REVIEW_NEXT_NOT_AFTER_DONE',
  'RESULTS_IMPACT_INCOMPLETE',
  'RESULTS_NOT_MEASURED',
  'PLAN_RESULTS_NOT_CONCLUDED',
  'PLAN_CLOSURE_NOT_PROPOSED',
  'PLAN_RAISERS_NOT_SATISFIED',
  'SIGN_OFF_RECORDED_BY_COORDINATOR_OR_OWNER',
  'RESPONSE_ACTION_NOT_FOUND',
  'DATE_IN_FUTURE',
  'FORBIDDEN',
  ...retentionRuleCodes,
] as const;
export type PlanRuleCode = (typeof planRuleCodes)[number];

function broken(code: PlanRuleCode, message: string): DomainError {
  return new DomainError(code, message);
}

function notInFuture(day: string, what: string, ctx: DecideContext): void {
  refuseFutureDay(day, what, ctx.now);
}

const READY_CODES: Partial<Record<PlanStage, PlanRuleCode>> = {
  analysis: 'PLAN_NOT_READY_FOR_ANALYSIS',
  response: 'PLAN_NOT_READY_FOR_RESPONSE',
  assessment: 'PLAN_NOT_READY_FOR_ASSESSMENT',
};

type ActionNews = Extract<PlanCommand, { type: 'LinkResponseAction' | 'NoteResponseActionRescheduled' | 'NoteResponseActionReassigned' | 'NoteResponseActionOutcome' }>;

const ACTION_NEWS: readonly PlanCommand['type'][] = ['LinkResponseAction', 'NoteResponseActionRescheduled', 'NoteResponseActionReassigned', 'NoteResponseActionOutcome'];

/** What the reactor tells a plan of its actions; news the plan already has is no change. */
function decideActionNews(command: ActionNews, plan: OpenedPlan): PlanEvent[] {
  switch (command.type) {
    case 'LinkResponseAction':
      if (plan.actions.has(command.actionId)) return [];
      return [{ type: 'ResponseActionLinked', actionId: command.actionId, agencyId: command.agencyId, description: command.description, dueOn: command.dueOn }];

    case 'NoteResponseActionRescheduled': {
      const action = plan.actions.get(command.actionId);
      if (!action) throw broken('RESPONSE_ACTION_NOT_FOUND', `Action ${command.actionId} is not a response action of ${plan.reference}.`);
      if (action.dueOn !== command.previousDueOn) return [];
      return [{ type: 'ResponseActionRescheduled', actionId: command.actionId, dueOn: command.dueOn }];
    }

    case 'NoteResponseActionReassigned': {
      const action = plan.actions.get(command.actionId);
      if (!action) throw broken('RESPONSE_ACTION_NOT_FOUND', `Action ${command.actionId} is not a response action of ${plan.reference}.`);
      if (action.agencyId !== command.previousAgencyId) return [];
      return [{ type: 'ResponseActionReassigned', actionId: command.actionId, agencyId: command.agencyId }];
    }

    case 'NoteResponseActionOutcome': {
      const action = plan.actions.get(command.actionId);
      if (!action) throw broken('RESPONSE_ACTION_NOT_FOUND', `Action ${command.actionId} is not a response action of ${plan.reference}.`);
      if (action.outcome?.status === command.status) return [];
      return [{ type: 'ResponseActionOutcomeNoted', actionId: command.actionId, status: command.status, on: command.on }];
    }
  }
}

function knowsAlready(command: ActionNews, plan: OpenedPlan): boolean {
  try {
    return decideActionNews(command, plan).length === 0;
  } catch {
    return false;
  }
}

function decideOnOpenPlan(command: Exclude<PlanCommand, { type: 'OpenPlan' }>, plan: OpenedPlan, ctx: DecideContext): PlanEvent[] {
  // MoPI retention review: the one change a closed plan takes besides reopening (and refused on an open one).
  if (command.type === 'RecordRetentionReview') return [{ type: 'RetentionReviewRecorded', ...decideRetentionReview(command, plan, ctx.actor, ctx.now) }];
  if (plan.stage === 'closed') {
    if (command.type === 'ReopenPlan') {
      notInFuture(command.reopenedOn, 'The reopening', ctx);
      return [{ type: 'PlanReopened', reason: command.reason, reopenedOn: command.reopenedOn, resumeAt: command.resumeAt }];
    }
    // A replay of the reactor brings news the closed plan already has: nothing to do, and nothing to refuse.
    if (ACTION_NEWS.includes(command.type) && knowsAlready(command as ActionNews, plan)) return [];
    throw broken('PLAN_CLOSED', `${plan.reference} is closed: nothing changes on a closed plan until it is reopened, with a reason.`);
  }
  switch (command.type) {
    case 'ReopenPlan':
      throw broken('PLAN_NOT_CLOSED', `${plan.reference} is open: only a closed plan is reopened.`);

    case 'AssignPlanOwner': {
      const previous = plan.owner;
      if (previous && previous.name === command.owner.name && representedBy(previous) === representedBy(command.owner) && previous.role === command.owner.role) return [];
      return [{ type: 'PlanOwnerAssigned', owner: command.owner, ...(previous ? { previous } : {}) }];
    }

    case 'AddPlanPartner': {
      const current = plan.partners.get(representedBy(command.representative));
      if (current && current.name === command.representative.name && current.role === command.representative.role) return [];
      return [{ type: 'PlanPartnerAdded', representative: command.representative }];
    }

    case 'RemovePlanPartner': {
      const key = representedBy(command.representative);
      const current = plan.partners.get(key);
      if (!current) throw broken('PLAN_PARTNER_NOT_FOUND', `${command.representative.agencyId ?? command.representative.communityGroup} is not a partner on ${plan.reference}.`);
      return [{ type: 'PlanPartnerRemoved', represents: key, name: current.name, reason: command.reason }];
    }

    case 'AddRaisingParty': {
      const existing = plan.raisers.get(command.party.partyId);
      if (existing) {
        if (existing.name === command.party.name && existing.kind === command.party.kind) return [];
        throw broken('PLAN_PARTY_ALREADY_RAISED', `The party id "${command.party.partyId}" is already ${existing.name} on ${plan.reference}.`);
      }
      return [{ type: 'RaisingPartyAdded', party: command.party }];
    }

    case 'SetObjective': {
      const o = command.objective;
      const improves = o.direction === 'decrease' ? o.target < o.baseline : o.target > o.baseline;
      if (!improves) {
        throw broken(
          'OBJECTIVE_TARGET_NOT_AN_IMPROVEMENT',
          `The target ${o.target} is not ${o.direction === 'decrease' ? 'below' : 'above'} the baseline ${o.baseline}, and this objective aims to ${o.direction} it: a SMART objective sets out to change something.`,
        );
      }
      if (o.byDate < plan.openedOn) throw broken('OBJECTIVE_DATE_BEFORE_OPENING', `The objective's date ${o.byDate} is before the plan was opened (${plan.openedOn}).`);
      const existing = plan.objectives.get(o.objectiveId);
      if (existing && JSON.stringify(existing) === JSON.stringify(o)) return [];
      return [{ type: 'ObjectiveSet', objective: o, revised: existing !== undefined }];
    }

    case 'RecordScanning':
      return [{ type: 'ScanningRecorded', scanning: command.scanning }];

    case 'RecordAnalysis':
      return [{ type: 'AnalysisRecorded', analysis: command.analysis }];

    case 'RecordResponsePlan': {
      const { type: _type, ...response } = command;
      return [{ type: 'ResponsePlanRecorded', ...response }];
    }

    case 'AssessPlanRisk':
      notInFuture(command.assessedOn, 'The assessment', ctx);
      return [{ type: 'PlanRiskAssessed', level: command.level, reasons: command.reasons, assessedOn: command.assessedOn }];

    case 'AssessCommunityImpact':
      notInFuture(command.assessedOn, 'The assessment', ctx);
      return [{ type: 'CommunityImpactAssessed', level: command.level, reasons: command.reasons, assessedOn: command.assessedOn }];

    case 'RecordMeeting': {
      if (plan.meetings.some((m) => m.meetingId === command.meetingId)) {
        throw broken('MEETING_ALREADY_RECORDED', `A meeting "${command.meetingId}" is already recorded on ${plan.reference}.`);
      }
      notInFuture(command.heldOn, 'The meeting', ctx);
      const { type: _type, ...meeting } = command;
      return [{ type: 'MeetingRecorded', ...meeting }];
    }

    case 'ScheduleReview':
      if (plan.reviews.has(command.reviewId)) throw broken('REVIEW_ALREADY_SCHEDULED', `A review "${command.reviewId}" is already scheduled on ${plan.reference}.`);
      return [{ type: 'ReviewScheduled', reviewId: command.reviewId, dueOn: command.dueOn }];

    case 'CompleteReview': {
      // Supervisory review (seed 000): a sergeant or inspector, not the people doing the work.
      if (!hasRole(ctx.actor, 'supervisor')) throw broken('REVIEW_NEEDS_SUPERVISOR', 'A plan review is done by a supervisor (a sergeant or inspector).');
      const review = plan.reviews.get(command.reviewId);
      if (!review) throw broken('REVIEW_NOT_FOUND', `No review "${command.reviewId}" is scheduled on ${plan.reference}.`);
      if (review.done) throw broken('REVIEW_ALREADY_DONE', `The review "${command.reviewId}" was done on ${review.done.doneOn}.`);
      notInFuture(command.doneOn, 'The review', ctx);
      if (command.nextReviewOn !== undefined && command.nextReviewOn <= command.doneOn) {
        throw broken('REVIEW_NEXT_NOT_AFTER_DONE', `The next review (${command.nextReviewOn}) must come after this one (${command.doneOn}).`);
      }
      return [
        {
          type: 'ReviewCompleted',
          reviewId: command.reviewId,
          doneOn: command.doneOn,
          finding: command.finding,
          ...(command.nextReviewOn !== undefined ? { nextReviewOn: command.nextReviewOn } : {}),
          reviewer: reviewerOf(ctx.actor),
        },
      ];
    }

    case 'AdvancePlanStage': {
      if (command.to === plan.stage) return [];
      if (stageAfter(plan.stage) !== command.to) {
        throw broken('PLAN_STAGE_OUT_OF_ORDER', `${plan.reference} is in ${plan.stage}; the next stage is ${stageAfter(plan.stage)}, not ${command.to}.`);
      }
      const missing = missingToEnter(plan, command.to);
      if (missing.length > 0) {
        throw broken(READY_CODES[command.to]!, `${plan.reference} cannot enter ${command.to} yet: it needs ${missing.join(' and ')}.`);
      }
      return [{ type: 'PlanStageAdvanced', from: plan.stage, to: command.to }];
    }

    case 'RecordResultMeasurement': {
      if (!plan.objectives.has(command.objectiveId)) throw broken('OBJECTIVE_NOT_FOUND', `No objective "${command.objectiveId}" on ${plan.reference}.`);
      notInFuture(command.measuredOn, 'The measurement', ctx);
      const { type: _type, ...measurement } = command;
      return [{ type: 'ResultMeasured', ...measurement }];
    }

    case 'ConcludeResultsAnalysis': {
      if (plan.stage !== 'assessment') throw broken('PLAN_NOT_IN_ASSESSMENT', `${plan.reference} is in ${plan.stage}: results are analysed in the assessment stage.`);
      notInFuture(command.concludedOn, 'The conclusion', ctx);
      for (const judged of command.impact) {
        if (!plan.objectives.has(judged.objectiveId)) throw broken('OBJECTIVE_NOT_FOUND', `No objective "${judged.objectiveId}" on ${plan.reference}.`);
      }
      const judged = new Set(command.impact.map((i) => i.objectiveId));
      const unjudged = [...plan.objectives.keys()].filter((id) => !judged.has(id));
      if (unjudged.length > 0) throw broken('RESULTS_IMPACT_INCOMPLETE', `Say whether each objective was met: ${unjudged.join(', ')} ${unjudged.length === 1 ? 'is' : 'are'} not judged.`);
      const measured = new Set(plan.measurements.map((m) => m.objectiveId));
      const unmeasured = [...plan.objectives.keys()].filter((id) => !measured.has(id));
      if (unmeasured.length > 0) {
        throw broken('RESULTS_NOT_MEASURED', `An impact evaluation needs measurements: ${unmeasured.join(', ')} ${unmeasured.length === 1 ? 'has' : 'have'} none since the baseline.`);
      }
      const { type: _type, ...conclusion } = command;
      return [{ type: 'ResultsAnalysisConcluded', ...conclusion, process: evaluateProcess(plan.actions.values(), command.concludedOn) }];
    }

    case 'ProposeClosure':
      if (plan.stage !== 'assessment') throw broken('PLAN_NOT_IN_ASSESSMENT', `${plan.reference} is in ${plan.stage}: closure is proposed in the assessment stage.`);
      if (!plan.conclusion) throw broken('PLAN_RESULTS_NOT_CONCLUDED', `${plan.reference}'s results analysis is not concluded: closure is proposed on the results.`);
      notInFuture(command.proposedOn, 'The proposal', ctx);
      return [{ type: 'ClosureProposed', justification: command.justification, proposedOn: command.proposedOn }];

    case 'SignOffClosure': {
      // Raising parties need not log in: their answer is recorded for them by a coordinator or the plan owner's agency.
      if (!hasRole(ctx.actor, 'coordinator') && ctx.actor.agencyId !== plan.owner?.agencyId) {
        throw broken('SIGN_OFF_RECORDED_BY_COORDINATOR_OR_OWNER', 'A raising party’s sign-off is recorded by a coordinator or by the plan owner’s agency.');
      }
      if (!plan.closure) throw broken('PLAN_CLOSURE_NOT_PROPOSED', `No closure of ${plan.reference} has been proposed to sign off.`);
      const party = plan.raisers.get(command.partyId);
      if (!party) throw broken('PLAN_PARTY_DID_NOT_RAISE', `"${command.partyId}" did not raise ${plan.reference}: only those who raised it sign off its closure.`);
      notInFuture(command.signedOn, 'The sign-off', ctx);
      return [{ type: 'ClosureSignedOff', partyId: command.partyId, satisfied: command.satisfied, comment: command.comment, signedOn: command.signedOn }];
    }

    case 'ClosePlan': {
      if (plan.stage !== 'assessment') throw broken('PLAN_NOT_IN_ASSESSMENT', `${plan.reference} is in ${plan.stage}: a plan closes from the assessment stage.`);
      notInFuture(command.closedOn, 'The closure', ctx);
      const standing = closureStanding(plan);
      if (!plan.conclusion) throw broken('PLAN_RESULTS_NOT_CONCLUDED', `${plan.reference} cannot close: the results analysis is not concluded.`);
      if (!plan.closure) throw broken('PLAN_CLOSURE_NOT_PROPOSED', `${plan.reference} cannot close: no closure has been proposed with a justification.`);
      if (standing.blockers.length > 0) {
        throw broken('PLAN_RAISERS_NOT_SATISFIED', `${plan.reference} closes only when those who raised it are satisfied: ${standing.blockers.join('; ')}.`);
      }
      return [{ type: 'PlanClosed', closedOn: command.closedOn, justification: plan.closure.justification }];
    }

    case 'EscalatePlan':
      notInFuture(command.escalatedOn, 'The escalation', ctx);
      return [{ type: 'PlanEscalated', resourceRequested: command.resourceRequested, reason: command.reason, escalatedOn: command.escalatedOn }];

    case 'LinkResponseAction':
    case 'NoteResponseActionRescheduled':
    case 'NoteResponseActionReassigned':
    case 'NoteResponseActionOutcome':
      return decideActionNews(command, plan);
  }
}

function reviewerOf(actor: Actor): { userId: string; agencyId: string; name: string } {
  return { userId: actor.userId, agencyId: actor.agencyId, name: actor.displayName ?? actor.userId };
}

export const planDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  initialState: initialPlanState,
  evolve: evolvePlan,
  decide(command, state, ctx) {
    if (ctx.actor.roles.every((role) => role === 'auditor')) throw new DomainForbidden('Auditors read plans; they change nothing.');
    if (command.type === 'OpenPlan') {
      if (state.opened) throw broken('PLAN_ALREADY_OPENED', `This plan is already open as ${state.reference}.`);
      notInFuture(command.openedOn, 'The opening', ctx);
      const { type: _type, ...opening } = command;
      return [{ type: 'PlanOpened', ...opening }];
    }
    if (!state.opened) throw broken('PLAN_NOT_OPENED', 'There is no such plan: open it first.');
    return decideOnOpenPlan(command, state, ctx);
  },
};
