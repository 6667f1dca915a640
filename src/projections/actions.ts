/**
 * Every partner action, as the action decider's own fold, with the queries
 * partners run over them: their own agency's, a plan's, and those overdue.
 */
import { actionDecider, type AssignedAction } from '../domain/action/decider.js';
import { type ActionEvent, actionEventSchema } from '../domain/action/events.js';
import { parseStreamName, streamCategories } from '../domain/shared/streams.js';
import type { RecordedEvent } from '../eventstore/event-store.js';
import type { Projection } from './projection.js';

export interface ActionView {
  readonly actionId: string;
  revision: bigint;
  action: AssignedAction;
  readonly assignedAt: string;
  lastChangedAt: string;
}

export type ActionDirectory = Map<string, ActionView>;

const ACTION_EVENT_TYPES = actionEventSchema.options.map((option) => option.shape.type.value);

export const actionsProjection: Projection<ActionDirectory> = {
  name: 'actions',
  handles: ACTION_EVENT_TYPES,
  init: () => new Map(),
  apply(model, recorded) {
    const parsed = parseStreamName(recorded.streamId);
    if (parsed?.category !== streamCategories.action) return;
    const existing = model.get(parsed.id);
    const state = actionDecider.evolve(existing ? { assigned: true, ...existing.action } : actionDecider.initialState(), recorded.data as unknown as ActionEvent);
    if (!state.assigned) return;
    const { assigned: _assigned, ...action } = state;
    if (existing) {
      existing.action = action;
      existing.revision = recorded.revision;
      existing.lastChangedAt = recorded.metadata.occurredAt;
      return;
    }
    model.set(parsed.id, { actionId: parsed.id, revision: recorded.revision, action, assignedAt: recorded.metadata.occurredAt, lastChangedAt: recorded.metadata.occurredAt });
  },
};

/**
 * One action as its own events leave it (its stream's events in revision
 * order, or a prefix of them), through this projection's own `apply` on a
 * fresh model: the same code and `evolve` as the live read model. Undefined
 * while the events hold no assignment.
 */
export function actionViewFrom(events: Iterable<RecordedEvent>): ActionView | undefined {
  const model = actionsProjection.init();
  let actionId: string | undefined;
  const handled = new Set<string>(ACTION_EVENT_TYPES);
  for (const recorded of events) {
    if (!handled.has(recorded.type)) continue;
    actionId ??= parseStreamName(recorded.streamId)?.id;
    actionsProjection.apply(model, recorded);
  }
  return actionId === undefined ? undefined : model.get(actionId);
}

export function isOpen(action: AssignedAction): boolean {
  return action.status !== 'done' && action.status !== 'cancelled';
}

export function isOverdue(action: AssignedAction, today: string): boolean {
  return isOpen(action) && action.dueOn < today;
}

export interface ActionFilter {
  readonly agency?: string;
  readonly status?: AssignedAction['status'];
  readonly overdue?: boolean;
  readonly dueFrom?: string;
  readonly dueTo?: string;
  readonly planId?: string;
}

/** Actions matching the filter, soonest due first. */
export function findActions(directory: ActionDirectory, filter: ActionFilter, today: string): ActionView[] {
  return [...directory.values()]
    .filter(({ action }) => {
      if (filter.agency !== undefined && action.agencyId !== filter.agency) return false;
      if (filter.status !== undefined && action.status !== filter.status) return false;
      if (filter.overdue !== undefined && isOverdue(action, today) !== filter.overdue) return false;
      if (filter.dueFrom !== undefined && action.dueOn < filter.dueFrom) return false;
      if (filter.dueTo !== undefined && action.dueOn > filter.dueTo) return false;
      if (filter.planId !== undefined && !(action.parent.kind === 'plan' && action.parent.id === filter.planId)) return false;
      return true;
    })
    .sort((a, b) => a.action.dueOn.localeCompare(b.action.dueOn) || a.action.reference.localeCompare(b.action.reference));
}
