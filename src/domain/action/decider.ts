/**
 * A partner action (DOMAIN.md): assigned to an agency, updated by it. Only the
 * assigned agency (or a coordinator) accepts it, reports progress, blocks or
 * completes it; only the agency answerable for the plan or case (or a
 * coordinator) reassigns, reschedules or cancels it. A done or cancelled
 * action changes no more.
 */
import { type Actor, hasRole } from '../shared/actor.js';
import { refuseFutureDay } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { DomainError, DomainForbidden } from '../shared/domain-error.js';
import type { ActionCommand, ActionParent } from './commands.js';
import type { ActionEvent } from './events.js';

export type ActionStatus = 'assigned' | 'accepted' | 'in_progress' | 'blocked' | 'done' | 'cancelled';

export interface ProgressNote {
  readonly note: string;
  readonly by: string;
  readonly agencyId: string;
  readonly at: string;
}

export interface AssignedAction {
  readonly reference: string;
  readonly parent: ActionParent;
  readonly ownerAgencyId: string;
  readonly agencyId: string;
  readonly person?: string | undefined;
  readonly description: string;
  readonly dueOn: string;
  readonly status: ActionStatus;
  readonly blockedReason: string | null;
  readonly outcome: { readonly outcome: string; readonly evidence: string; readonly doneOn: string } | null;
  readonly cancelled: { readonly reason: string; readonly on: string } | null;
  readonly notes: readonly ProgressNote[];
}

export type ActionState = { readonly assigned: false } | ({ readonly assigned: true } & AssignedAction);

export const actionRuleCodes = [
  'ACTION_NOT_ASSIGNED',
  'ACTION_ALREADY_ASSIGNED',
  'ACTION_FINISHED',
  'ACTION_NOT_YOURS',
  'ACTION_OWNER_ONLY',
  'ACTION_NOT_ACCEPTABLE',
  'DATE_IN_FUTURE',
  'FORBIDDEN',
] as const;

const FINISHED: readonly ActionStatus[] = ['done', 'cancelled'];

function authorOf(actor: Actor) {
  return { userId: actor.userId, agencyId: actor.agencyId, name: actor.displayName ?? actor.userId };
}

function decideOnAssigned(command: Exclude<ActionCommand, { type: 'AssignAction' }>, action: AssignedAction, actor: Actor, now: Date): ActionEvent[] {
  if (FINISHED.includes(action.status)) {
    throw new DomainError('ACTION_FINISHED', `${action.reference} is ${action.status === 'done' ? 'done' : 'cancelled'}: it changes no more.`);
  }
  const coordinator = hasRole(actor, 'coordinator');
  const assignedAgency = coordinator || actor.agencyId === action.agencyId;
  const answeringAgency = ('answerableAgencyId' in command ? command.answerableAgencyId : undefined) ?? action.ownerAgencyId;
  const answerable = coordinator || actor.agencyId === answeringAgency;
  const by = authorOf(actor);
  switch (command.type) {
    case 'AcceptAction':
      if (!assignedAgency) throw new DomainError('ACTION_NOT_YOURS', `${action.reference} is assigned to ${action.agencyId}: only it accepts the action.`);
      if (action.status === 'blocked') {
        throw new DomainError('ACTION_NOT_ACCEPTABLE', `${action.reference} is blocked (${action.blockedReason}): report progress to lift the block.`);
      }
      // Accepted already, or taken on by reporting progress: nothing more to record.
      if (action.status !== 'assigned') return [];
      return [{ type: 'ActionAccepted', by }];
    case 'ReportActionProgress':
      if (!assignedAgency) throw new DomainError('ACTION_NOT_YOURS', `${action.reference} is assigned to ${action.agencyId}: only it reports progress.`);
      return [{ type: 'ActionProgressReported', note: command.note, by, at: now.toISOString() }];
    case 'BlockAction':
      if (!assignedAgency) throw new DomainError('ACTION_NOT_YOURS', `${action.reference} is assigned to ${action.agencyId}: only it says the action is blocked.`);
      if (action.status === 'blocked' && action.blockedReason === command.reason) return [];
      return [{ type: 'ActionBlocked', reason: command.reason, by }];
    case 'CompleteAction':
      if (!assignedAgency) throw new DomainError('ACTION_NOT_YOURS', `${action.reference} is assigned to ${action.agencyId}: only it completes the action.`);
      refuseFutureDay(command.doneOn, 'The completion', now);
      return [{ type: 'ActionCompleted', outcome: command.outcome, evidence: command.evidence, doneOn: command.doneOn, by }];
    case 'CancelAction':
      if (!answerable) throw new DomainError('ACTION_OWNER_ONLY', `Only ${answeringAgency}, answerable for the ${action.parent.kind === 'plan' ? 'plan' : 'case'}, or a coordinator cancels ${action.reference}.`);
      return [{ type: 'ActionCancelled', reason: command.reason, on: now.toISOString().slice(0, 10), by }];
    case 'ReassignAction': {
      if (!answerable) throw new DomainError('ACTION_OWNER_ONLY', `Only ${answeringAgency}, answerable for the ${action.parent.kind === 'plan' ? 'plan' : 'case'}, or a coordinator reassigns ${action.reference}.`);
      const previous = { agencyId: action.agencyId, ...(action.person !== undefined ? { person: action.person } : {}) };
      if (previous.agencyId === command.assignee.agencyId && previous.person === command.assignee.person) return [];
      return [{ type: 'ActionReassigned', assignee: command.assignee, previous, reason: command.reason }];
    }
    case 'RescheduleAction':
      if (!answerable) throw new DomainError('ACTION_OWNER_ONLY', `Only ${answeringAgency}, answerable for the ${action.parent.kind === 'plan' ? 'plan' : 'case'}, or a coordinator reschedules ${action.reference}.`);
      if (command.dueOn === action.dueOn) return [];
      return [{ type: 'ActionRescheduled', dueOn: command.dueOn, previousDueOn: action.dueOn, reason: command.reason }];
  }
}

export const actionDecider: Decider<ActionCommand, ActionEvent, ActionState> = {
  initialState: () => ({ assigned: false }),

  evolve(state, event) {
    if (event.type === 'ActionAssigned') {
      return {
        assigned: true,
        reference: event.reference,
        parent: event.parent,
        ownerAgencyId: event.ownerAgencyId,
        agencyId: event.assignee.agencyId,
        person: event.assignee.person,
        description: event.description,
        dueOn: event.dueOn,
        status: 'assigned',
        blockedReason: null,
        outcome: null,
        cancelled: null,
        notes: [],
      };
    }
    if (!state.assigned) return state;
    switch (event.type) {
      case 'ActionAccepted':
        return { ...state, status: 'accepted' };
      case 'ActionProgressReported':
        // Progress on a blocked action means the block is lifted.
        return { ...state, status: 'in_progress', blockedReason: null, notes: [...state.notes, { note: event.note, by: event.by.name, agencyId: event.by.agencyId, at: event.at }] };
      case 'ActionBlocked':
        return { ...state, status: 'blocked', blockedReason: event.reason };
      case 'ActionCompleted':
        return { ...state, status: 'done', blockedReason: null, outcome: { outcome: event.outcome, evidence: event.evidence, doneOn: event.doneOn } };
      case 'ActionCancelled':
        return { ...state, status: 'cancelled', blockedReason: null, cancelled: { reason: event.reason, on: event.on } };
      case 'ActionReassigned':
        // A new agency starts from the beginning: it has not accepted anything yet. A new person in the same agency carries on.
        if (event.assignee.agencyId === state.agencyId) return { ...state, person: event.assignee.person };
        return { ...state, agencyId: event.assignee.agencyId, person: event.assignee.person, status: 'assigned', blockedReason: null };
      case 'ActionRescheduled':
        return { ...state, dueOn: event.dueOn };
      default:
        return state;
    }
  },

  decide(command, state, { actor, now }) {
    if (actor.roles.every((role) => role === 'auditor')) throw new DomainForbidden('Auditors read actions; they change nothing.');
    if (command.type === 'AssignAction') {
      if (state.assigned) throw new DomainError('ACTION_ALREADY_ASSIGNED', `This action is already ${state.reference}.`);
      if (!hasRole(actor, 'coordinator') && actor.agencyId !== command.ownerAgencyId) {
        throw new DomainError('ACTION_OWNER_ONLY', `Only ${command.ownerAgencyId}, answerable for the ${command.parent.kind === 'plan' ? 'plan' : 'case'}, or a coordinator assigns its actions.`);
      }
      const { type: _type, ...assignment } = command;
      return [{ type: 'ActionAssigned', ...assignment }];
    }
    if (!state.assigned) throw new DomainError('ACTION_NOT_ASSIGNED', 'There is no such action: assign it first.');
    return decideOnAssigned(command, state, actor, now);
  },
};
