/**
 * The pack for a neighbourhood co-ordination meeting (ACPO 2006, 4.7.5): each
 * plan with what changed since the group last met, the reviews due, the
 * actions overdue, the closures waiting for sign-off, and the priorities due
 * for review. Everything is derived from the events, as of the meeting's day.
 */
import { currentAssessment } from '../domain/asb-case/risk-assessment.js';
import type { CoordinationMeeting } from '../domain/neighbourhood/commands.js';
import { type NeighbourhoodPriority, prioritiesDueForReview } from '../domain/neighbourhood/decider.js';
import type { PlanStage } from '../domain/plan/commands.js';
import { closureStanding, nextReviewDue } from '../domain/plan/evaluation.js';
import type { ResponseAction } from '../domain/plan/state.js';
import type { AsbCaseDirectory } from './asb-cases.js';
import type { NeighbourhoodDirectory, NeighbourhoodView } from './neighbourhoods.js';
import { type Happening, type PlanDirectory, type PlanView, timelineOf } from './plans.js';

export interface AgendaPlan {
  readonly view: PlanView;
  readonly reviewDue: boolean;
  readonly overdueActions: readonly ResponseAction[];
  /** Recorded after the day of the group's last meeting and up to the agenda's day; every happening when the group has not met. */
  readonly changesSinceLastMeeting: readonly Happening[];
  readonly closureWaiting: boolean;
  /** The SARA stages the plan has been in, oldest first, as the record stands now. */
  readonly stages: readonly StagePeriod[];
}

/** A stretch of days a plan spent in one stage: from the day it entered, until the day it left (null: it is in it still). */
export interface StagePeriod {
  readonly stage: PlanStage;
  readonly from: string;
  readonly until: string | null;
}

export interface CoordinationAgenda {
  readonly neighbourhood: NeighbourhoodView;
  readonly date: string;
  readonly lastMeeting: CoordinationMeeting | null;
  /** Open plans of the neighbourhood, and those closed since the last meeting, most recently opened first. */
  readonly plans: readonly AgendaPlan[];
  readonly prioritiesDueForReview: readonly NeighbourhoodPriority[];
}

export function coordinationAgenda(plans: PlanDirectory, neighbourhoods: NeighbourhoodDirectory, neighbourhoodId: string, date: string): CoordinationAgenda | null {
  const neighbourhood = neighbourhoods.get(neighbourhoodId);
  if (!neighbourhood?.state.neighbourhood) return null;
  const lastMeeting = [...neighbourhood.state.meetings].reverse().find((m) => m.heldOn < date) ?? null;
  const since = lastMeeting?.heldOn ?? null;
  const agendaPlans: AgendaPlan[] = [];
  for (const view of plans.plans.values()) {
    const { plan } = view;
    if (plan.neighbourhoodId !== neighbourhoodId || plan.openedOn > date) continue;
    const closedBefore = plan.closedOn !== null && (since === null || plan.closedOn <= since);
    if (plan.stage === 'closed' && closedBefore) continue;
    const due = nextReviewDue(plan);
    agendaPlans.push({
      view,
      reviewDue: plan.stage !== 'closed' && due !== null && due <= date,
      overdueActions: [...plan.actions.values()].filter((a) => a.outcome === null && a.dueOn < date),
      changesSinceLastMeeting: timelineOf(view).filter((h) => {
        const recorded = h.recordedAt.slice(0, 10);
        return recorded <= date && (since === null || recorded > since);
      }),
      closureWaiting: plan.stage !== 'closed' && plan.closure !== null && closureStanding(plan).blockers.length > 0,
      stages: stagePeriodsOf(view),
    });
  }
  agendaPlans.sort((a, b) => b.view.plan.openedOn.localeCompare(a.view.plan.openedOn) || a.view.plan.reference.localeCompare(b.view.plan.reference));
  return { neighbourhood, date, lastMeeting, plans: agendaPlans, prioritiesDueForReview: prioritiesDueForReview(neighbourhood.state, date) };
}

/** The plan's stages as periods by day; of two moves on one day the plan is shown in the later stage from that day. */
export function stagePeriodsOf(view: PlanView): StagePeriod[] {
  const periods: Array<{ stage: PlanStage; from: string; until: string | null }> = [];
  for (const happening of timelineOf(view)) {
    const stage = happening.stage;
    if (stage === undefined) continue;
    const last = periods[periods.length - 1];
    if (last && last.from === happening.on) {
      last.stage = stage;
      continue;
    }
    if (last) last.until = happening.on;
    periods.push({ stage, from: happening.on, until: null });
  }
  // A closed plan is in no stage after its closing day: it ends there.
  const last = periods[periods.length - 1];
  if (last?.stage === 'closed') last.until = last.from;
  return periods;
}

/**
 * How many people on the neighbourhood's open ASB cases are high-risk victims
 * on the meeting's day and were not before the group's last meeting (assessed
 * high on or after that day, or not assessed before it: an assessment made on
 * the meeting's own day may have come after the meeting, so it is counted
 * again rather than missed); every one high on the day when the group has not
 * met before it. A person who is a victim on two cases is one. Only the
 * number: the meeting pack is shown on a shared screen, and who the victims
 * are is for the agencies on their cases.
 */
export function newHighRiskVictims(cases: AsbCaseDirectory, neighbourhoodId: string, lastMeeting: string | null, date: string): number {
  type Assessments = Parameters<typeof currentAssessment>[0]['assessments'];
  const levelFrom = (assessments: Assessments, include: (assessedOn: string) => boolean) => currentAssessment({ assessments: assessments.filter((a) => include(a.assessedOn)) })?.level ?? null;
  const counted = new Set<string>();
  for (const { asbCase } of cases.cases.values()) {
    if (asbCase.neighbourhoodId !== neighbourhoodId || asbCase.status !== 'open' || asbCase.openedOn > date) continue;
    for (const victim of asbCase.victims.values()) {
      const { assessments } = victim.risk;
      const highOnTheDay = levelFrom(assessments, (on) => on <= date) === 'high';
      const highBefore = lastMeeting !== null && levelFrom(assessments, (on) => on < lastMeeting) === 'high';
      if (highOnTheDay && !highBefore) counted.add(victim.personId);
    }
  }
  return counted.size;
}
