/**
 * The pack for a neighbourhood co-ordination meeting (ACPO 2006, 4.7.5): each
 * plan with what changed since the group last met, the reviews due, the
 * actions overdue, the closures waiting for sign-off, and the priorities due
 * for review. Everything is derived from the events, as of the meeting's day.
 */
import type { CoordinationMeeting } from '../domain/neighbourhood/commands.js';
import { type NeighbourhoodPriority, prioritiesDueForReview } from '../domain/neighbourhood/decider.js';
import { closureStanding, nextReviewDue } from '../domain/plan/evaluation.js';
import type { ResponseAction } from '../domain/plan/state.js';
import type { NeighbourhoodDirectory, NeighbourhoodView } from './neighbourhoods.js';
import { type Happening, type PlanDirectory, type PlanView, timelineOf } from './plans.js';

export interface AgendaPlan {
  readonly view: PlanView;
  readonly reviewDue: boolean;
  readonly overdueActions: readonly ResponseAction[];
  /** Recorded after the day of the group's last meeting and up to the agenda's day; every happening when the group has not met. */
  readonly changesSinceLastMeeting: readonly Happening[];
  readonly closureWaiting: boolean;
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
    });
  }
  agendaPlans.sort((a, b) => b.view.plan.openedOn.localeCompare(a.view.plan.openedOn) || a.view.plan.reference.localeCompare(b.view.plan.reference));
  return { neighbourhood, date, lastMeeting, plans: agendaPlans, prioritiesDueForReview: prioritiesDueForReview(neighbourhood.state, date) };
}
