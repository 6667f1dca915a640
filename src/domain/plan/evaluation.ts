/**
 * Judgements over a plan that both its rules and its read models need, so
 * that what refuses a closure and what shows why are the same code.
 */
import { publicNameOf } from '../shared/values.js';
import type { PlanStage } from './commands.js';
import type { ProcessEvaluation } from './events.js';
import type { OpenedPlan, ResponseAction } from './state.js';

const ORDER: readonly PlanStage[] = ['scanning', 'analysis', 'response', 'assessment', 'closed'];

export function stageAfter(stage: PlanStage): PlanStage | null {
  return ORDER[ORDER.indexOf(stage) + 1] ?? null;
}

export function stageIndex(stage: PlanStage): number {
  return ORDER.indexOf(stage);
}

/** What a plan still lacks to enter `stage` (DOMAIN.md's gates), in words for the people at the meeting. */
export function missingToEnter(plan: OpenedPlan, stage: PlanStage): string[] {
  const missing: string[] = [];
  switch (stage) {
    case 'analysis':
      if (!plan.owner) missing.push('an owner');
      if (!plan.scanning) missing.push('a scanning description');
      break;
    case 'response':
      if (!plan.analysis) missing.push('an analysis');
      if (plan.objectives.size === 0) missing.push('at least one objective');
      break;
    case 'assessment':
      // A cancelled action carried nothing out.
      if (![...plan.actions.values()].some((a) => a.outcome?.status !== 'cancelled')) missing.push('at least one response action');
      break;
    default:
      break;
  }
  return missing;
}

/** Was each planned action done as planned, as of `on`? Counted from the plan's response actions. */
export function evaluateProcess(actions: Iterable<ResponseAction>, on: string): ProcessEvaluation {
  const evaluation = { planned: 0, done: 0, doneLate: 0, cancelled: 0, stillOpen: 0, overdue: 0 };
  for (const action of actions) {
    evaluation.planned += 1;
    if (action.outcome?.status === 'done') {
      evaluation.done += 1;
      if (action.outcome.on > action.dueOn) evaluation.doneLate += 1;
    } else if (action.outcome?.status === 'cancelled') {
      evaluation.cancelled += 1;
    } else {
      evaluation.stillOpen += 1;
      if (action.dueOn < on) evaluation.overdue += 1;
    }
  }
  return evaluation;
}

export interface ClosureStanding {
  /** Every reason the plan cannot close now; empty when it can. */
  readonly blockers: readonly string[];
  readonly signedSatisfied: readonly string[];
  readonly signedUnsatisfied: readonly { readonly partyId: string; readonly name: string; readonly comment: string }[];
  readonly notSigned: readonly { readonly partyId: string; readonly name: string }[];
}

/** Closure needs the results analysis concluded, a justification, and every raising party's satisfied sign-off. */
export function closureStanding(plan: OpenedPlan): ClosureStanding {
  const blockers: string[] = [];
  if (!plan.conclusion) blockers.push('the results analysis is not concluded');
  if (!plan.closure) blockers.push('no closure has been proposed with a justification');
  const signedSatisfied: string[] = [];
  const signedUnsatisfied: { partyId: string; name: string; comment: string }[] = [];
  const notSigned: { partyId: string; name: string }[] = [];
  for (const party of plan.raisers.values()) {
    const signOff = plan.closure?.signOffs.get(party.partyId);
    if (!signOff) notSigned.push({ partyId: party.partyId, name: publicNameOf(party) });
    else if (signOff.satisfied) signedSatisfied.push(party.partyId);
    else signedUnsatisfied.push({ partyId: party.partyId, name: publicNameOf(party), comment: signOff.comment });
  }
  if (plan.closure) {
    for (const party of signedUnsatisfied) blockers.push(`${party.name} is not satisfied: “${party.comment}”`);
    if (notSigned.length > 0) blockers.push(`not yet signed off by ${notSigned.map((p) => p.name).join(', ')}`);
  }
  return { blockers, signedSatisfied, signedUnsatisfied, notSigned };
}

/** The earliest review still to be done, or the date the last review set for the next one. */
export function nextReviewDue(plan: OpenedPlan): string | null {
  let earliestPending: string | null = null;
  let latestDone: { doneOn: string; nextReviewOn?: string | undefined } | null = null;
  for (const review of plan.reviews.values()) {
    if (!review.done) {
      if (earliestPending === null || review.dueOn < earliestPending) earliestPending = review.dueOn;
    } else if (latestDone === null || review.done.doneOn > latestDone.doneOn) {
      latestDone = review.done;
    }
  }
  return earliestPending ?? latestDone?.nextReviewOn ?? null;
}
