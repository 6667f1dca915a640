/**
 * Every plan in the partnership, as the API reads them: the plan itself (the
 * decider's own fold, so the read model and the rules never disagree), its
 * timeline of dated happenings, and the queries over them: list and search,
 * results per objective, closure sign-offs, the plans half of the owners'
 * board.
 */
import { evolvePlan, initialPlanState, type OpenedPlan } from '../domain/plan/state.js';
import { closureStanding, nextReviewDue, type ClosureStanding } from '../domain/plan/evaluation.js';
import { planEventSchema, type PlanEvent } from '../domain/plan/events.js';
import type { PlanStage } from '../domain/plan/commands.js';
import { parseStreamName, streamCategories } from '../domain/shared/streams.js';
import { publicNameOf, representedBy } from '../domain/shared/values.js';
import type { RecordedEvent } from '../eventstore/event-store.js';
import type { Projection } from './projection.js';

export type HappeningKind =
  | 'opened'
  | 'owner'
  | 'partner'
  | 'raiser'
  | 'objective'
  | 'scanning'
  | 'analysis'
  | 'response-plan'
  | 'risk'
  | 'community-impact'
  | 'meeting'
  | 'review-due'
  | 'review-done'
  | 'stage'
  | 'measurement'
  | 'results'
  | 'closure-proposed'
  | 'sign-off'
  | 'closed'
  | 'reopened'
  | 'retention-review'
  | 'escalated'
  | 'action-due'
  | 'action-outcome';


/** Something that happened to a plan, or is due to, on a calendar day. */
export interface Happening {
  /** The day it happened or falls due: the record's own date where it has one, else the day it was recorded. */
  readonly on: string;
  readonly kind: HappeningKind;
  readonly summary: string;
  /** For an opening, a stage move, a closing or a reopening: the stage the plan entered. */
  readonly stage?: PlanStage;
  /** The stream revision of the event that recorded it. */
  readonly revision: bigint;
  readonly recordedAt: string;
  readonly byAgency: string;
}

export interface PlanView {
  readonly planId: string;
  readonly streamId: string;
  revision: bigint;
  plan: OpenedPlan;
  readonly openedByAgency: string;
  lastChangedAt: string;
  /** In the order recorded; `timelineOf` sorts by day. */
  readonly happenings: Happening[];
}

export interface PlanDirectory {
  readonly plans: Map<string, PlanView>;
  readonly byReference: Map<string, string>;
  /** Residents erased: whatever reaches the model about them later is blanked too. */
  readonly erased?: Set<string>;
}

const PLAN_EVENT_TYPES = planEventSchema.options.map((option) => option.shape.type.value);

const day = (iso: string) => iso.slice(0, 10);

function happeningsOf(event: PlanEvent, plan: OpenedPlan, recordedOn: string): Array<Omit<Happening, 'revision' | 'recordedAt' | 'byAgency'>> {
  switch (event.type) {
    case 'PlanOpened':
      return [{ on: event.openedOn, kind: 'opened', stage: 'scanning', summary: `Opened as ${event.reference}, raised by ${event.raisedBy.map(publicNameOf).join(', ')}` }];
    case 'PlanOwnerAssigned':
      return [{ on: recordedOn, kind: 'owner', summary: `Owner: ${event.owner.name} (${event.owner.agencyId ?? event.owner.communityGroup})` }];
    case 'PlanPartnerAdded':
      return [{ on: recordedOn, kind: 'partner', summary: `Partner joined: ${event.representative.name} (${event.representative.agencyId ?? event.representative.communityGroup})` }];
    case 'PlanPartnerRemoved':
      return [{ on: recordedOn, kind: 'partner', summary: `Partner left: ${event.name} (${event.reason})` }];
    case 'RaisingPartyAdded':
      return [{ on: recordedOn, kind: 'raiser', summary: `Also raised by ${publicNameOf(event.party)}` }];
    case 'ObjectiveSet':
      return [{ on: recordedOn, kind: 'objective', summary: `${event.revised ? 'Objective revised' : 'Objective set'}: ${event.objective.statement}` }];
    case 'ScanningRecorded':
      return [{ on: recordedOn, kind: 'scanning', summary: 'Scanning recorded' }];
    case 'AnalysisRecorded':
      return [{ on: recordedOn, kind: 'analysis', summary: `Analysis recorded with ${event.analysis.hypotheses.length} ${event.analysis.hypotheses.length === 1 ? 'hypothesis' : 'hypotheses'}` }];
    case 'ResponsePlanRecorded':
      return [{ on: recordedOn, kind: 'response-plan', summary: `${event.strand[0]!.toUpperCase()}${event.strand.slice(1)} plan recorded` }];
    case 'PlanRiskAssessed':
      return [{ on: event.assessedOn, kind: 'risk', summary: `Risk assessed ${event.level}: ${event.reasons}` }];
    case 'CommunityImpactAssessed':
      return [{ on: event.assessedOn, kind: 'community-impact', summary: `Community impact assessed ${event.level}: ${event.reasons}` }];
    case 'MeetingRecorded':
      return [
        {
          on: event.heldOn,
          kind: 'meeting',
          summary: `Problem-solving meeting chaired by ${event.chair}: ${event.attendees.length} attended, ${event.decisions.length} decision${event.decisions.length === 1 ? '' : 's'}, ${event.actionsAgreed.length} action${event.actionsAgreed.length === 1 ? '' : 's'} agreed`,
        },
      ];
    case 'ReviewScheduled':
      return [{ on: event.dueOn, kind: 'review-due', summary: 'Supervisory review due' }];
    case 'ReviewCompleted':
      return [{ on: event.doneOn, kind: 'review-done', summary: `Reviewed by ${event.reviewer.name}: ${event.finding}` }];
    case 'PlanStageAdvanced':
      return [{ on: recordedOn, kind: 'stage', stage: event.to, summary: `Moved from ${event.from} to ${event.to}` }];
    case 'ResultMeasured': {
      const objective = plan.objectives.get(event.objectiveId);
      const comparison = event.comparisonAreaValue !== undefined ? ` (comparison area ${event.comparisonAreaValue})` : '';
      return [{ on: event.measuredOn, kind: 'measurement', summary: `Measured ${objective?.measure ?? event.objectiveId}: ${event.value}${comparison}` }];
    }
    case 'ResultsAnalysisConcluded': {
      const met = event.impact.filter((i) => i.met).length;
      return [{ on: event.concludedOn, kind: 'results', summary: `Results analysis concluded: ${met} of ${event.impact.length} objective${event.impact.length === 1 ? '' : 's'} met` }];
    }
    case 'ClosureProposed':
      return [{ on: event.proposedOn, kind: 'closure-proposed', summary: `Closure proposed: ${event.justification}` }];
    case 'ClosureSignedOff': {
      const raiser = plan.raisers.get(event.partyId);
      const party = raiser ? publicNameOf(raiser) : event.partyId;
      return [{ on: event.signedOn, kind: 'sign-off', summary: `${party} signed off, ${event.satisfied ? 'satisfied' : 'not satisfied'}: ${event.comment}` }];
    }
    case 'PlanClosed':
      return [{ on: event.closedOn, kind: 'closed', stage: 'closed', summary: 'Closed' }];
    case 'PlanReopened':
      return [{ on: event.reopenedOn, kind: 'reopened', stage: event.resumeAt, summary: `Reopened at ${event.resumeAt}: ${event.reason}` }];
    case 'RetentionReviewRecorded':
      return [{ on: event.reviewedOn, kind: 'retention-review', summary: event.decision === 'retain' ? `MoPI review by ${event.reviewer.name}: retain until ${event.nextReviewOn ?? '?'}` : `MoPI review by ${event.reviewer.name}: marked for disposal` }];
    case 'PlanEscalated':
      return [{ on: event.escalatedOn, kind: 'escalated', summary: `Escalated to the TT&CG for ${event.resourceRequested}` }];
    case 'ResponseActionLinked':
      return [{ on: event.dueOn, kind: 'action-due', summary: `Action due (${event.agencyId}): ${event.description}` }];
    case 'ResponseActionRescheduled': {
      const action = plan.actions.get(event.actionId);
      return [{ on: event.dueOn, kind: 'action-due', summary: `Action now due (${action?.agencyId ?? '?'}): ${action?.description ?? event.actionId}` }];
    }
    case 'ResponseActionReassigned': {
      const action = plan.actions.get(event.actionId);
      return [{ on: recordedOn, kind: 'action-due', summary: `Action handed to ${event.agencyId}: ${action?.description ?? event.actionId}` }];
    }
    case 'ResponseActionOutcomeNoted': {
      const action = plan.actions.get(event.actionId);
      return [{ on: event.on, kind: 'action-outcome', summary: `Action ${event.status} (${action?.agencyId ?? '?'}): ${action?.description ?? event.actionId}` }];
    }
  }
}

export const plansProjection: Projection<PlanDirectory> = {
  name: 'plans',
  handles: [...PLAN_EVENT_TYPES, 'PersonErased'],
  init: () => ({ plans: new Map(), byReference: new Map(), erased: new Set<string>() }),
  apply(model, recorded) {
    if (recorded.type === 'PersonErased') {
      const personId = String(recorded.data.personId);
      model.erased?.add(personId);
      for (const view of model.plans.values()) forgetResident(view, personId);
      return;
    }
    const parsed = parseStreamName(recorded.streamId);
    if (parsed?.category !== streamCategories.plan) return;
    const event = recorded.data as unknown as PlanEvent;
    const existing = model.plans.get(parsed.id);
    const state = evolvePlan(existing ? { opened: true, ...existing.plan } : initialPlanState(), event);
    if (!state.opened) return;
    const { opened: _opened, ...plan } = state;
    const view: PlanView = existing ?? {
      planId: parsed.id,
      streamId: recorded.streamId,
      revision: recorded.revision,
      plan,
      openedByAgency: recorded.metadata.actor.agencyId,
      lastChangedAt: recorded.metadata.occurredAt,
      happenings: [],
    };
    view.plan = plan;
    view.revision = recorded.revision;
    view.lastChangedAt = recorded.metadata.occurredAt;
    for (const happening of happeningsOf(event, plan, day(recorded.metadata.occurredAt))) {
      view.happenings.push({ ...happening, revision: recorded.revision, recordedAt: recorded.metadata.occurredAt, byAgency: recorded.metadata.actor.agencyId });
    }
    if (!existing) {
      model.plans.set(parsed.id, view);
      model.byReference.set(plan.reference, parsed.id);
    }
    const erased = model.erased;
    if (erased && erased.size > 0) {
      for (const party of [...view.plan.raisers.values()]) if (party.personId !== undefined && party.name !== null && erased.has(party.personId)) forgetResident(view, party.personId);
    }
  },
};

/**
 * A resident erased: their name and contact leave the plan, as they would if
 * it were folded again from the store now (their events read back with no
 * name once the key is destroyed).
 */
function forgetResident(view: PlanView, personId: string): void {
  const { raisers } = view.plan;
  const found = [...raisers.values()].find((party) => party.personId === personId && party.name !== null);
  if (!found) return;
  const { contact: _contact, ...rest } = found;
  view.plan = { ...view.plan, raisers: new Map(raisers).set(found.partyId, { ...rest, name: null }) };
}

/**
 * One plan as its own events leave it: the events of its stream, in revision
 * order (a prefix of them gives the plan as it stood at that revision), put
 * through this projection's own `apply` on a fresh model, so a plan read as of
 * a past instant is built by exactly the code, and the decider's `evolve`,
 * that build the live one. Undefined while the events hold no opening.
 */
export function planViewFrom(events: Iterable<RecordedEvent>): PlanView | undefined {
  const model = plansProjection.init();
  let planId: string | undefined;
  const handled = new Set<string>(PLAN_EVENT_TYPES);
  for (const recorded of events) {
    // As the runner does: the projection is given only the event types it handles.
    if (!handled.has(recorded.type)) continue;
    planId ??= parseStreamName(recorded.streamId)?.id;
    plansProjection.apply(model, recorded);
  }
  return planId === undefined ? undefined : model.plans.get(planId);
}

/** The plan's happenings by day, and in the order recorded within a day. */
export function timelineOf(view: PlanView): Happening[] {
  return [...view.happenings].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0));
}

/** What a `plans` query filters by; every field narrows, and an absent one does not. */
export interface PlanFilter {
  readonly neighbourhoodId?: string;
  readonly stage?: PlanStage;
  readonly ownerAgency?: string;
  readonly partnerAgency?: string;
  /** Plans whose next review day is before `today`. */
  readonly reviewOverdue?: boolean;
  /** Every word must appear in the title or the description, in any case. */
  readonly text?: string;
}

export function isReviewOverdue(plan: OpenedPlan, today: string): boolean {
  const due = nextReviewDue(plan);
  return plan.stage !== 'closed' && due !== null && due < today;
}

/** Plans matching the filter, most recently changed first. `today` judges overdue reviews by the server's clock. */
export function findPlans(directory: PlanDirectory, filter: PlanFilter, today: string): PlanView[] {
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  const matches = [...directory.plans.values()].filter(({ plan }) => {
    if (filter.neighbourhoodId !== undefined && plan.neighbourhoodId !== filter.neighbourhoodId) return false;
    if (filter.stage !== undefined && plan.stage !== filter.stage) return false;
    if (filter.ownerAgency !== undefined && plan.owner?.agencyId !== filter.ownerAgency) return false;
    if (filter.partnerAgency !== undefined && !plan.partners.has(representedBy({ agencyId: filter.partnerAgency }))) return false;
    if (filter.reviewOverdue !== undefined && isReviewOverdue(plan, today) !== filter.reviewOverdue) return false;
    if (words.length > 0) {
      const haystack = `${plan.title} ${plan.description ?? ''}`.toLowerCase();
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  });
  return matches.sort((a, b) => (a.lastChangedAt < b.lastChangedAt ? 1 : a.lastChangedAt > b.lastChangedAt ? -1 : a.planId.localeCompare(b.planId)));
}

export interface ObjectiveResult {
  readonly objectiveId: string;
  readonly statement: string;
  readonly measure: string;
  readonly baseline: number;
  readonly target: number;
  readonly latest: { readonly value: number; readonly measuredOn: string; readonly comparisonAreaValue?: number | undefined } | null;
  /** Change from the baseline to the latest measurement, in per cent of the baseline; null without both. */
  readonly changePercent: number | null;
  /** As concluded in the results analysis; before it, whether the latest measurement reaches the target. */
  readonly met: boolean | null;
  readonly concluded: boolean;
}

/** Results analysis per objective: baseline, target, the latest measurement, the change and whether it is met. */
export function resultsByObjective(plan: OpenedPlan): ObjectiveResult[] {
  return [...plan.objectives.values()].map((objective) => {
    const measurements = plan.measurements.filter((m) => m.objectiveId === objective.objectiveId);
    const latest = measurements.reduce<(typeof measurements)[number] | null>((best, m) => (best === null || m.measuredOn >= best.measuredOn ? m : best), null);
    const judged = plan.conclusion?.impact.find((i) => i.objectiveId === objective.objectiveId);
    const reaches = latest === null ? null : objective.direction === 'decrease' ? latest.value <= objective.target : latest.value >= objective.target;
    return {
      objectiveId: objective.objectiveId,
      statement: objective.statement,
      measure: objective.measure,
      baseline: objective.baseline,
      target: objective.target,
      latest: latest ? { value: latest.value, measuredOn: latest.measuredOn, comparisonAreaValue: latest.comparisonAreaValue } : null,
      changePercent: latest && objective.baseline !== 0 ? Math.round(((latest.value - objective.baseline) / Math.abs(objective.baseline)) * 1000) / 10 : null,
      met: judged ? judged.met : reaches,
      concluded: judged !== undefined,
    };
  });
}

export interface ClosureSignOffs extends ClosureStanding {
  readonly planId: string;
  readonly reference: string;
  readonly justification: string;
  readonly proposedOn: string;
}

/** Closures proposed on open plans, with who has signed, satisfied or not, and who has not. */
export function closuresAwaitingSignOff(directory: PlanDirectory): ClosureSignOffs[] {
  const proposed: ClosureSignOffs[] = [];
  for (const view of directory.plans.values()) {
    const { plan } = view;
    if (plan.stage === 'closed' || !plan.closure) continue;
    proposed.push({ planId: view.planId, reference: plan.reference, justification: plan.closure.justification, proposedOn: plan.closure.proposedOn, ...closureStanding(plan) });
  }
  return proposed.sort((a, b) => a.proposedOn.localeCompare(b.proposedOn) || a.reference.localeCompare(b.reference));
}

export interface PlanOwnerLine {
  readonly ownerName: string;
  readonly agencyOrGroup: string;
  readonly plansOwned: number;
  readonly byStage: Partial<Record<PlanStage, number>>;
  readonly reviewsOverdue: number;
}

/** The plans half of the owners' board: per named owner, the open plans they own, by stage. */
export function planOwners(directory: PlanDirectory, today: string, agencyId?: string): PlanOwnerLine[] {
  const lines = new Map<string, { ownerName: string; agencyOrGroup: string; plansOwned: number; byStage: Partial<Record<PlanStage, number>>; reviewsOverdue: number }>();
  for (const { plan } of directory.plans.values()) {
    if (!plan.owner || plan.stage === 'closed') continue;
    if (agencyId !== undefined && plan.owner.agencyId !== agencyId) continue;
    const agencyOrGroup = plan.owner.agencyId ?? plan.owner.communityGroup ?? '';
    const key = `${agencyOrGroup}\u0000${plan.owner.name}`;
    const line = lines.get(key) ?? { ownerName: plan.owner.name, agencyOrGroup, plansOwned: 0, byStage: {}, reviewsOverdue: 0 };
    line.plansOwned += 1;
    line.byStage[plan.stage] = (line.byStage[plan.stage] ?? 0) + 1;
    if (isReviewOverdue(plan, today)) line.reviewsOverdue += 1;
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => a.agencyOrGroup.localeCompare(b.agencyOrGroup) || a.ownerName.localeCompare(b.ownerName));
}
