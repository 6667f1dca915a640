/**
 * What the page asks Casebook, in the API's own words: who is signed in, the
 * partnership's agencies and neighbourhoods, a neighbourhood's meeting pack
 * (`coordinationAgenda`), and the two records a meeting leaves
 * (`recordMeeting` on a plan, `recordCoordinationMeeting` for the group).
 *
 * Nothing here asks for a victim, a witness, a subject or a resident who
 * raised a plan: the pack is shown on a shared screen. Closure blockers and
 * timeline summaries already call a resident "a resident"; victims come as a
 * count.
 */
import type { CasebookApi } from './graphql-client.js';

export type PlanStage = 'scanning' | 'analysis' | 'response' | 'assessment' | 'closed';

export interface Agency {
  readonly id: string;
  readonly name: string;
}

export interface Neighbourhood {
  readonly neighbourhoodId: string;
  readonly name: string;
}

export interface SignedIn {
  readonly userId: string;
  readonly name: string;
  readonly agency: Agency;
  readonly roles: readonly string[];
}

export interface Partnership {
  readonly me: SignedIn;
  readonly agencies: readonly Agency[];
  readonly neighbourhoods: readonly Neighbourhood[];
}

export interface Happening {
  readonly on: string;
  readonly kind: string;
  readonly summary: string;
}

export interface ResponseAction {
  readonly actionId: string;
  readonly agencyId: string;
  readonly description: string;
  readonly dueOn: string;
  readonly outcome: 'done' | 'cancelled' | null;
  readonly outcomeOn: string | null;
}

export interface PlanOnTimeline {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly stage: PlanStage;
  readonly revision: number;
  readonly openedOn: string;
  readonly nextReviewDue: string | null;
  readonly owner: { readonly name: string; readonly agencyId: string | null; readonly communityGroup: string | null } | null;
  readonly closure: { readonly proposed: boolean; readonly proposedOn: string | null; readonly blockers: readonly string[]; readonly canClose: boolean };
  readonly reviews: ReadonlyArray<{ readonly reviewId: string; readonly dueOn: string; readonly doneOn: string | null }>;
  readonly responseActions: readonly ResponseAction[];
  readonly meetings: ReadonlyArray<{ readonly meetingId: string; readonly heldOn: string; readonly decisions: readonly string[]; readonly actionsAgreed: readonly string[] }>;
  readonly timeline: readonly Happening[];
}

export interface StagePeriod {
  readonly stage: PlanStage;
  readonly from: string;
  readonly until: string | null;
}

export interface AgendaPlan {
  readonly reviewDue: boolean;
  readonly closureWaiting: boolean;
  readonly overdueActions: ReadonlyArray<{ readonly actionId: string; readonly agencyId: string; readonly description: string; readonly dueOn: string }>;
  readonly changesSinceLastMeeting: readonly Happening[];
  readonly stages: readonly StagePeriod[];
  readonly plan: PlanOnTimeline;
}

export interface Priority {
  readonly priorityId: string;
  readonly title: string;
  readonly signalClass: 'policing' | 'acute' | 'chronic';
  readonly chosenBy: 'PUBLIC_VOTE' | 'REPRESENTATIVE_PANEL';
  readonly nextReviewOn: string;
}

export interface MeetingPack {
  readonly date: string;
  readonly neighbourhood: Neighbourhood & { readonly priorities: readonly Priority[]; readonly meetings: ReadonlyArray<{ readonly meetingId: string }> };
  readonly lastMeeting: { readonly heldOn: string; readonly chair: string } | null;
  readonly newHighRiskVictims: number;
  readonly overdueActionCount: number;
  readonly prioritiesDueForReview: ReadonlyArray<{ readonly priorityId: string }>;
  readonly plans: readonly AgendaPlan[];
}

const PLAN_ON_TIMELINE = `
fragment PlanOnTimeline on Plan {
  id reference title stage revision openedOn nextReviewDue
  owner { name agencyId communityGroup }
  closure { proposed proposedOn blockers canClose }
  reviews { reviewId dueOn doneOn }
  responseActions { actionId agencyId description dueOn outcome outcomeOn }
  meetings { meetingId heldOn decisions actionsAgreed }
  timeline { on kind summary }
}`;

export async function loadPartnership(api: CasebookApi): Promise<Partnership> {
  return api.request<Partnership>(`query MeetingPageStart {
    me { userId name agency { id name } roles }
    agencies { id name }
    neighbourhoods { neighbourhoodId name }
  }`);
}

/** The meeting pack; null when the neighbourhood is not (or no longer) one of the partnership's. */
export async function loadMeetingPack(api: CasebookApi, neighbourhoodId: string, date: string): Promise<MeetingPack | null> {
  const data = await api.request<{ coordinationAgenda: MeetingPack | null }>(
    `query MeetingPack($neighbourhood: String!, $date: Date!) {
      coordinationAgenda(neighbourhood: $neighbourhood, date: $date) {
        date
        neighbourhood { neighbourhoodId name priorities { priorityId title signalClass chosenBy nextReviewOn } meetings { meetingId } }
        lastMeeting { heldOn chair }
        newHighRiskVictims
        overdueActionCount
        prioritiesDueForReview { priorityId }
        plans {
          reviewDue closureWaiting
          overdueActions { actionId agencyId description dueOn }
          changesSinceLastMeeting { on kind summary }
          stages { stage from until }
          plan { ...PlanOnTimeline }
        }
      }
    }
    ${PLAN_ON_TIMELINE}`,
    { neighbourhood: neighbourhoodId, date },
  );
  return data.coordinationAgenda;
}

export interface Attendee {
  readonly name: string;
  readonly agencyId?: string;
  readonly communityGroup?: string;
}

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** How a mutation answered: the payload, or the typed error that stopped it (API.md), with nothing written. */
export type Outcome<Payload> =
  | { readonly kind: 'done'; readonly payload: Payload }
  | { readonly kind: 'invalid'; readonly message: string; readonly fieldErrors: readonly FieldError[] }
  | { readonly kind: 'conflict'; readonly message: string; readonly expectedRevision: number | null; readonly actualRevision: number | null }
  | { readonly kind: 'rule'; readonly message: string; readonly code: string }
  | { readonly kind: 'not-found'; readonly message: string }
  | { readonly kind: 'forbidden'; readonly message: string };

const ERRORS = `
  ... on ValidationError { message fieldErrors { path message } }
  ... on ConflictError { message expectedRevision actualRevision }
  ... on RuleViolation { message code }
  ... on NotFound { message }
  ... on Forbidden { message }`;

/** A mutation's answer: one member of its union, told apart by `__typename`, with the fields its fragment asked for. */
interface Answer {
  readonly __typename: string;
  readonly message?: string;
  readonly fieldErrors?: readonly FieldError[];
  readonly expectedRevision?: number | null;
  readonly actualRevision?: number | null;
  readonly code?: string;
  readonly deduplicated?: boolean;
  readonly plan?: PlanOnTimeline;
  readonly neighbourhood?: { readonly meetings: readonly unknown[] };
}

function outcomeOf<Payload>(answer: Answer, payloadType: string, payload: (answer: Answer) => Payload): Outcome<Payload> {
  const message = answer.message ?? '';
  switch (answer.__typename) {
    case payloadType:
      return { kind: 'done', payload: payload(answer) };
    case 'ValidationError':
      return { kind: 'invalid', message, fieldErrors: answer.fieldErrors ?? [] };
    case 'ConflictError':
      return { kind: 'conflict', message, expectedRevision: answer.expectedRevision ?? null, actualRevision: answer.actualRevision ?? null };
    case 'RuleViolation':
      return { kind: 'rule', message, code: answer.code ?? '' };
    case 'NotFound':
      return { kind: 'not-found', message };
    case 'Forbidden':
      return { kind: 'forbidden', message };
    default:
      throw new Error(`Casebook answered a ${answer.__typename}, which this page does not know.`);
  }
}

export interface PlanMeeting {
  readonly planId: string;
  readonly expectedRevision: number;
  readonly meetingId: string;
  readonly heldOn: string;
  readonly chair: string;
  readonly attendees: readonly Attendee[];
  readonly decisions: readonly string[];
  readonly actionsAgreed: readonly string[];
  readonly idempotencyKey: string;
}

export interface Recorded<T> {
  readonly record: T;
  /** This very request (its idempotency key) was answered before: nothing new was written. */
  readonly deduplicated: boolean;
}

/** `recordMeeting`: the plan's problem-solving meeting, as the group held it (ACPO 2006, 4.7.4 item 5). */
export async function recordPlanMeeting(api: CasebookApi, input: PlanMeeting): Promise<Outcome<Recorded<PlanOnTimeline>>> {
  const data = await api.request<{ recordMeeting: Answer }>(
    `mutation RecordPlanMeeting($input: RecordMeetingInput!) {
      recordMeeting(input: $input) {
        __typename
        ... on PlanPayload { deduplicated plan { ...PlanOnTimeline } }
        ${ERRORS}
      }
    }
    ${PLAN_ON_TIMELINE}`,
    { input },
  );
  return outcomeOf(data.recordMeeting, 'PlanPayload', (answer) => ({ record: answer.plan!, deduplicated: answer.deduplicated === true }));
}

export interface GroupMeeting {
  readonly neighbourhoodId: string;
  readonly meetingId: string;
  readonly heldOn: string;
  readonly chair: string;
  readonly attendees: readonly Attendee[];
  readonly notes?: string;
  readonly idempotencyKey: string;
}

/** `recordCoordinationMeeting`: the group met; its next pack counts what changed from this day. */
export async function recordGroupMeeting(api: CasebookApi, input: GroupMeeting): Promise<Outcome<Recorded<{ readonly meetingsRecorded: number }>>> {
  const data = await api.request<{ recordCoordinationMeeting: Answer }>(
    `mutation RecordGroupMeeting($input: RecordCoordinationMeetingInput!) {
      recordCoordinationMeeting(input: $input) {
        __typename
        ... on NeighbourhoodPayload { deduplicated neighbourhood { meetings { meetingId } } }
        ${ERRORS}
      }
    }`,
    { input },
  );
  return outcomeOf(data.recordCoordinationMeeting, 'NeighbourhoodPayload', (answer) => ({
    record: { meetingsRecorded: answer.neighbourhood!.meetings.length },
    deduplicated: answer.deduplicated === true,
  }));
}
