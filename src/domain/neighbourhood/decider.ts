/**
 * One neighbourhood (`neighbourhood-<uuid>`): the area agreed locally and the
 * priorities its community chose, each classed by the signal-crimes typology,
 * reviewed between monthly and quarterly, and retired when done with
 * (ACPO 2006, 4.7.1 to 4.7.3; DOMAIN.md). About three current priorities is
 * the advice, not a rule: more are recorded and flagged by `priorityWarnings`.
 */
import type { Decider } from '../shared/decider.js';
import { DomainError, DomainForbidden } from '../shared/domain-error.js';
import { hasRole } from '../shared/actor.js';
import { daysBetween, refuseFutureDay } from '../shared/dates.js';
import type { CoordinationMeeting, NeighbourhoodCommand, NeighbourhoodKind, PriorityChoice, ReviewOutcome, SignalClass } from './commands.js';
import type { NeighbourhoodEvent, PriorityChanges } from './events.js';

/** The practice advice: "about three" current priorities per neighbourhood (4.7.3). */
export const ADVISED_PRIORITIES = 3;

/** Reviews are at least quarterly, and the longest quarter of a year (July to September, October to December) has 92 days. */
export const LONGEST_REVIEW_INTERVAL_DAYS = 92;

export interface Neighbourhood {
  readonly neighbourhoodId: string;
  readonly name: string;
  readonly kind: NeighbourhoodKind;
  readonly area?: string;
}

export interface PriorityReview {
  readonly reviewedOn: string;
  readonly outcome: ReviewOutcome;
  readonly note?: string;
  readonly nextReviewOn: string;
}

export interface NeighbourhoodPriority {
  readonly priorityId: string;
  readonly title: string;
  readonly description?: string;
  readonly chosenBy: PriorityChoice;
  readonly chosenOn: string;
  readonly signalClass: SignalClass;
  /** The review day the priority was set (or last revised) with. */
  readonly reviewOn: string;
  /** When the next review is due: whichever was recorded last of `reviewOn` and a review's next review day. */
  readonly nextReviewOn: string;
  /** Oldest first. */
  readonly reviews: readonly PriorityReview[];
}

export interface RetiredPriority extends NeighbourhoodPriority {
  readonly reason: string;
  readonly retiredOn: string;
}

export interface NeighbourhoodState {
  /** Null until the neighbourhood is defined. */
  readonly neighbourhood: Neighbourhood | null;
  /** In the order they were set. */
  readonly current: ReadonlyMap<string, NeighbourhoodPriority>;
  /** Kept with their reviews: a retired priority's id is never used again. */
  readonly retired: ReadonlyMap<string, RetiredPriority>;
  /** The co-ordination group's meetings, by the day they were held. */
  readonly meetings: readonly CoordinationMeeting[];
}

export interface NeighbourhoodWarning {
  readonly code: 'MORE_THAN_THREE_PRIORITIES';
  readonly message: string;
}

export const neighbourhoodDecider: Decider<NeighbourhoodCommand, NeighbourhoodEvent, NeighbourhoodState> = {
  initialState: () => ({ neighbourhood: null, current: new Map(), retired: new Map(), meetings: [] }),

  evolve(state, event) {
    switch (event.type) {
      case 'NeighbourhoodDefined':
        return {
          ...state,
          neighbourhood: { neighbourhoodId: event.neighbourhoodId, name: event.name, kind: event.kind, ...given('area', event.area) },
        };
      case 'NeighbourhoodPrioritySet': {
        const { type: _type, ...priority } = event;
        return withCurrent(state, { ...priority, nextReviewOn: event.reviewOn, reviews: [] });
      }
      case 'NeighbourhoodPriorityRevised': {
        const priority = state.current.get(event.priorityId);
        if (!priority) return state;
        const { description: _description, ...unchanged } = priority;
        const description = event.description === undefined ? priority.description : (event.description ?? undefined);
        return withCurrent(state, {
          ...unchanged,
          ...given('description', description),
          title: event.title ?? priority.title,
          chosenBy: event.chosenBy ?? priority.chosenBy,
          chosenOn: event.chosenOn ?? priority.chosenOn,
          signalClass: event.signalClass ?? priority.signalClass,
          reviewOn: event.reviewOn ?? priority.reviewOn,
          nextReviewOn: event.reviewOn ?? priority.nextReviewOn,
        });
      }
      case 'NeighbourhoodPriorityReviewed': {
        const priority = state.current.get(event.priorityId);
        if (!priority) return state;
        const review: PriorityReview = { reviewedOn: event.reviewedOn, outcome: event.outcome, ...given('note', event.note), nextReviewOn: event.nextReviewOn };
        return withCurrent(state, { ...priority, nextReviewOn: event.nextReviewOn, reviews: [...priority.reviews, review] });
      }
      case 'NeighbourhoodPriorityRetired': {
        const priority = state.current.get(event.priorityId);
        if (!priority) return state;
        const current = new Map(state.current);
        current.delete(event.priorityId);
        const retired = new Map(state.retired);
        retired.set(event.priorityId, { ...priority, reason: event.reason, retiredOn: event.retiredOn });
        return { ...state, current, retired };
      }
      case 'CoordinationMeetingHeld': {
        const { type: _type, ...meeting } = event;
        return { ...state, meetings: [...state.meetings, meeting].sort((a, b) => a.heldOn.localeCompare(b.heldOn)) };
      }
      default:
        return state;
    }
  },

  decide(command, state, { actor, now }) {
    // DOMAIN.md: the community chooses its priorities, police and partners do not; a coordinator records what it chose.
    if (!hasRole(actor, 'coordinator')) {
      throw new DomainForbidden('Only a coordinator records a neighbourhood and its priorities: the community chooses them, and the partnership records its choice.');
    }
    const neighbourhood = state.neighbourhood;
    if (command.type === 'DefineNeighbourhood') {
      if (neighbourhood) throw new DomainError('NEIGHBOURHOOD_ALREADY_DEFINED', `This neighbourhood is already defined, as ${neighbourhood.name}.`);
      return [{ type: 'NeighbourhoodDefined', neighbourhoodId: command.neighbourhoodId, name: command.name, kind: command.kind, ...given('area', command.area) }];
    }
    if (!neighbourhood) throw new DomainError('NEIGHBOURHOOD_NOT_DEFINED', 'This neighbourhood is not defined yet: define it before recording its priorities.');

    switch (command.type) {
      case 'SetNeighbourhoodPriority': {
        const retired = state.retired.get(command.priorityId);
        if (retired) {
          throw new DomainError('PRIORITY_RETIRED', `"${retired.title}" was retired on ${retired.retiredOn}; a new priority takes a new id.`);
        }
        if (command.reviewOn < command.chosenOn) {
          throw new DomainError(
            'PRIORITY_REVIEW_BEFORE_CHOSEN',
            `"${command.title}" cannot be due for review on ${command.reviewOn}, before it was chosen on ${command.chosenOn}.`,
          );
        }
        const existing = state.current.get(command.priorityId);
        if (!existing) {
          return [
            {
              type: 'NeighbourhoodPrioritySet',
              priorityId: command.priorityId,
              title: command.title,
              ...given('description', command.description),
              chosenBy: command.chosenBy,
              chosenOn: command.chosenOn,
              signalClass: command.signalClass,
              reviewOn: command.reviewOn,
            },
          ];
        }
        const { changes, previous } = changesBetween(existing, command);
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'NeighbourhoodPriorityRevised', priorityId: command.priorityId, ...changes, previous }];
      }
      case 'RecordPriorityReview': {
        const priority = state.current.get(command.priorityId);
        if (!priority) {
          const retired = state.retired.get(command.priorityId);
          if (retired) throw new DomainError('PRIORITY_RETIRED', `"${retired.title}" was retired on ${retired.retiredOn}, so it is no longer reviewed.`);
          throw priorityNotFound(neighbourhood, command.priorityId);
        }
        const interval = daysBetween(command.reviewedOn, command.nextReviewOn);
        if (interval <= 0) {
          throw new DomainError(
            'PRIORITY_REVIEW_INTERVAL',
            `The next review of "${priority.title}" must come after this one (${command.reviewedOn}), not on ${command.nextReviewOn}.`,
          );
        }
        if (interval > LONGEST_REVIEW_INTERVAL_DAYS) {
          throw new DomainError(
            'PRIORITY_REVIEW_INTERVAL',
            `The next review of "${priority.title}" on ${command.nextReviewOn} would be ${interval} days after this one; priorities are reviewed between monthly and quarterly, so at most ${LONGEST_REVIEW_INTERVAL_DAYS} days apart.`,
          );
        }
        return [
          {
            type: 'NeighbourhoodPriorityReviewed',
            priorityId: command.priorityId,
            reviewedOn: command.reviewedOn,
            outcome: command.outcome,
            ...given('note', command.note),
            nextReviewOn: command.nextReviewOn,
          },
        ];
      }
      case 'RetireNeighbourhoodPriority': {
        // Retiring twice (two people closing the same priority) is the same decision: nothing more to record.
        if (state.retired.has(command.priorityId)) return [];
        if (!state.current.has(command.priorityId)) throw priorityNotFound(neighbourhood, command.priorityId);
        return [{ type: 'NeighbourhoodPriorityRetired', priorityId: command.priorityId, reason: command.reason, retiredOn: command.retiredOn }];
      }
      case 'RecordCoordinationMeeting': {
        const { type: _type, ...meeting } = command;
        const earlier = state.meetings.find((m) => m.meetingId === command.meetingId);
        if (earlier) {
          if (JSON.stringify(earlier) === JSON.stringify(meeting)) return [];
          throw new DomainError('COORDINATION_MEETING_ALREADY_RECORDED', `The meeting "${command.meetingId}" of ${neighbourhood.name} was recorded as held on ${earlier.heldOn}.`);
        }
        refuseFutureDay(command.heldOn, 'The meeting', now);
        return [{ type: 'CoordinationMeetingHeld', ...meeting }];
      }
    }
  },
};

/** The warnings a payload about this neighbourhood carries: the advice of about three priorities is flagged, never enforced. */
export function priorityWarnings(state: NeighbourhoodState): NeighbourhoodWarning[] {
  const count = state.current.size;
  if (count <= ADVISED_PRIORITIES) return [];
  const name = state.neighbourhood?.name ?? 'This neighbourhood';
  return [{ code: 'MORE_THAN_THREE_PRIORITIES', message: `${name} has ${count} current priorities; the practice advice is about three (ACPO 2006, 4.7.3).` }];
}

/**
 * The current priorities whose next review is due on or before `on`
 * (YYYY-MM-DD), the longest overdue first: the reviews a co-ordination meeting
 * walks through. Priorities due the same day keep the order they were set in.
 */
export function prioritiesDueForReview(state: NeighbourhoodState, on: string): NeighbourhoodPriority[] {
  return [...state.current.values()].filter((priority) => priority.nextReviewOn <= on).sort((a, b) => compareText(a.nextReviewOn, b.nextReviewOn));
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function priorityNotFound(neighbourhood: Neighbourhood, priorityId: string): DomainError {
  return new DomainError('PRIORITY_NOT_FOUND', `${neighbourhood.name} has no priority "${priorityId}".`);
}

/** What setting a priority again may change. */
const REVISABLE = ['title', 'description', 'chosenBy', 'chosenOn', 'signalClass', 'reviewOn'] as const;

/** A set of an existing priority records only what it changes, and what each field was before. */
function changesBetween(
  priority: NeighbourhoodPriority,
  command: Extract<NeighbourhoodCommand, { type: 'SetNeighbourhoodPriority' }>,
): { changes: PriorityChanges; previous: PriorityChanges } {
  const changes: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  // A description removed is recorded as null: absent would mean "unchanged".
  for (const field of REVISABLE) {
    const next = command[field] ?? null;
    const was = priority[field] ?? null;
    if (next !== was) {
      changes[field] = next;
      previous[field] = was;
    }
  }
  return { changes: changes as PriorityChanges, previous: previous as PriorityChanges };
}

function withCurrent(state: NeighbourhoodState, priority: NeighbourhoodPriority): NeighbourhoodState {
  const current = new Map(state.current);
  current.set(priority.priorityId, priority);
  return { ...state, current };
}

/** Optional text is carried only when given, so a stored event or a read model holds no key without a value. */
function given<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
