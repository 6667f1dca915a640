/**
 * A plan as its events leave it: every section of the minimum content, each
 * with the history the read models and auditors need (assessments and
 * reviews keep every entry; nothing is overwritten without a trace).
 */
import type { z } from 'zod';
import { type RetentionReview, retentionReviewKept } from '../shared/retention.js';
import type { PersonRef, RecordedRaisingParty, RiskLevel } from '../shared/values.js';
import { representedBy } from '../shared/values.js';
import type { analysisSchema, conclusionSchema, meetingSchema, measurementSchema, Objective, PlanStage, ResponseStrand, scanningSchema } from './commands.js';
import type { PlanEvent, ProcessEvaluation } from './events.js';

export type Scanning = z.infer<typeof scanningSchema>;
export type Analysis = z.infer<typeof analysisSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type Measurement = z.infer<typeof measurementSchema>;
export type Conclusion = z.infer<typeof conclusionSchema> & { readonly process: ProcessEvaluation };

export interface ResponsePlan {
  readonly plan: string;
  readonly communicationStrategy: string;
  readonly communityEngagement?: string | undefined;
}

export interface Assessment {
  readonly level: RiskLevel;
  readonly reasons: string;
  readonly assessedOn: string;
}

export interface Review {
  readonly reviewId: string;
  readonly dueOn: string;
  readonly done: { readonly doneOn: string; readonly finding: string; readonly nextReviewOn?: string | undefined; readonly reviewer: string } | null;
}

export interface ResponseAction {
  readonly actionId: string;
  readonly agencyId: string;
  readonly description: string;
  readonly dueOn: string;
  readonly outcome: { readonly status: 'done' | 'cancelled'; readonly on: string } | null;
}

export interface SignOff {
  readonly satisfied: boolean;
  readonly comment: string;
  readonly signedOn: string;
}

export interface Closure {
  readonly justification: string;
  readonly proposedOn: string;
  /** By raising party; a party absent here has not signed. */
  readonly signOffs: ReadonlyMap<string, SignOff>;
}

export interface OpenedPlan {
  readonly reference: string;
  readonly title: string;
  readonly description?: string | undefined;
  readonly neighbourhoodId: string;
  readonly priorityId?: string | undefined;
  readonly openedOn: string;
  readonly stage: PlanStage;
  readonly owner: PersonRef | null;
  /** By who they represent (an agency id, or `group:` and a group's name). */
  readonly partners: ReadonlyMap<string, PersonRef>;
  readonly raisers: ReadonlyMap<string, RecordedRaisingParty>;
  readonly objectives: ReadonlyMap<string, Objective>;
  readonly scanning: Scanning | null;
  readonly analysis: Analysis | null;
  readonly responses: Readonly<Partial<Record<ResponseStrand, ResponsePlan>>>;
  readonly risk: readonly Assessment[];
  readonly communityImpact: readonly Assessment[];
  readonly meetings: readonly Meeting[];
  readonly reviews: ReadonlyMap<string, Review>;
  readonly measurements: readonly Measurement[];
  readonly actions: ReadonlyMap<string, ResponseAction>;
  readonly conclusion: Conclusion | null;
  readonly closure: Closure | null;
  readonly closedOn: string | null;
  readonly escalations: readonly { readonly resourceRequested: string; readonly reason: string; readonly escalatedOn: string }[];
  readonly reopenings: readonly { readonly reason: string; readonly reopenedOn: string }[];
  /** Every MoPI retention review, oldest first, those of earlier closings included. */
  readonly retentionReviews: readonly RetentionReview[];
}

/** Before its first event a plan does not exist. */
export type PlanState = { readonly opened: false } | ({ readonly opened: true } & OpenedPlan);

export const initialPlanState = (): PlanState => ({ opened: false });

function withMap<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}

function withoutKey<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  if (event.type === 'PlanOpened') {
    return {
      opened: true,
      reference: event.reference,
      title: event.title,
      description: event.description,
      neighbourhoodId: event.neighbourhoodId,
      priorityId: event.priorityId,
      openedOn: event.openedOn,
      stage: 'scanning',
      owner: null,
      partners: new Map(),
      raisers: new Map(event.raisedBy.map((p) => [p.partyId, p])),
      objectives: new Map(),
      scanning: null,
      analysis: null,
      responses: {},
      risk: [],
      communityImpact: [],
      meetings: [],
      reviews: new Map(),
      measurements: [],
      actions: new Map(),
      conclusion: null,
      closure: null,
      closedOn: null,
      escalations: [],
      reopenings: [],
      retentionReviews: [],
    };
  }
  if (!state.opened) return state;
  switch (event.type) {
    case 'PlanOwnerAssigned':
      return { ...state, owner: event.owner };
    case 'PlanPartnerAdded':
      return { ...state, partners: withMap(state.partners, representedBy(event.representative), event.representative) };
    case 'PlanPartnerRemoved':
      return { ...state, partners: withoutKey(state.partners, event.represents) };
    case 'RaisingPartyAdded':
      return { ...state, raisers: withMap(state.raisers, event.party.partyId, event.party) };
    case 'ObjectiveSet':
      return { ...state, objectives: withMap(state.objectives, event.objective.objectiveId, event.objective) };
    case 'ScanningRecorded':
      return { ...state, scanning: event.scanning };
    case 'AnalysisRecorded':
      return { ...state, analysis: event.analysis };
    case 'ResponsePlanRecorded':
      return {
        ...state,
        responses: { ...state.responses, [event.strand]: { plan: event.plan, communicationStrategy: event.communicationStrategy, communityEngagement: event.communityEngagement } },
      };
    case 'PlanRiskAssessed':
      return { ...state, risk: [...state.risk, { level: event.level, reasons: event.reasons, assessedOn: event.assessedOn }] };
    case 'CommunityImpactAssessed':
      return { ...state, communityImpact: [...state.communityImpact, { level: event.level, reasons: event.reasons, assessedOn: event.assessedOn }] };
    case 'MeetingRecorded': {
      const { type: _type, ...meeting } = event;
      return { ...state, meetings: [...state.meetings, meeting] };
    }
    case 'ReviewScheduled':
      return { ...state, reviews: withMap(state.reviews, event.reviewId, { reviewId: event.reviewId, dueOn: event.dueOn, done: null }) };
    case 'ReviewCompleted': {
      const review = state.reviews.get(event.reviewId);
      if (!review) return state;
      const done = { doneOn: event.doneOn, finding: event.finding, nextReviewOn: event.nextReviewOn, reviewer: event.reviewer.name };
      return { ...state, reviews: withMap(state.reviews, event.reviewId, { ...review, done }) };
    }
    case 'PlanStageAdvanced':
      return { ...state, stage: event.to };
    case 'ResultMeasured': {
      const { type: _type, ...measurement } = event;
      return { ...state, measurements: [...state.measurements, measurement] };
    }
    case 'ResultsAnalysisConcluded': {
      const { type: _type, ...conclusion } = event;
      return { ...state, conclusion };
    }
    case 'ClosureProposed':
      // A new proposal is a new question to the raisers: earlier answers were to another justification.
      return { ...state, closure: { justification: event.justification, proposedOn: event.proposedOn, signOffs: new Map() } };
    case 'ClosureSignedOff':
      if (!state.closure) return state;
      return {
        ...state,
        closure: { ...state.closure, signOffs: withMap(state.closure.signOffs, event.partyId, { satisfied: event.satisfied, comment: event.comment, signedOn: event.signedOn }) },
      };
    case 'PlanClosed':
      return { ...state, stage: 'closed', closedOn: event.closedOn };
    case 'RetentionReviewRecorded': {
      const review = retentionReviewKept(event, state);
      return review ? { ...state, retentionReviews: [...state.retentionReviews, review] } : state;
    }
    case 'PlanReopened':
      return {
        ...state,
        stage: event.resumeAt,
        closedOn: null,
        closure: null,
        // A reopened problem is assessed afresh: the old conclusion answered the old response.
        conclusion: null,
        reopenings: [...state.reopenings, { reason: event.reason, reopenedOn: event.reopenedOn }],
      };
    case 'PlanEscalated':
      return { ...state, escalations: [...state.escalations, { resourceRequested: event.resourceRequested, reason: event.reason, escalatedOn: event.escalatedOn }] };
    case 'ResponseActionLinked':
      return {
        ...state,
        actions: withMap(state.actions, event.actionId, { actionId: event.actionId, agencyId: event.agencyId, description: event.description, dueOn: event.dueOn, outcome: null }),
      };
    case 'ResponseActionRescheduled': {
      const action = state.actions.get(event.actionId);
      if (!action) return state;
      return { ...state, actions: withMap(state.actions, event.actionId, { ...action, dueOn: event.dueOn }) };
    }
    case 'ResponseActionReassigned': {
      const action = state.actions.get(event.actionId);
      if (!action) return state;
      return { ...state, actions: withMap(state.actions, event.actionId, { ...action, agencyId: event.agencyId }) };
    }
    case 'ResponseActionOutcomeNoted': {
      const action = state.actions.get(event.actionId);
      if (!action) return state;
      return { ...state, actions: withMap(state.actions, event.actionId, { ...action, outcome: { status: event.status, on: event.on } }) };
    }
    default:
      return state;
  }
}
