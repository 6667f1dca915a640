/**
 * The owners' board: per agency and named person, the open plans they own
 * (by stage, with reviews overdue) and the actions assigned to them, open and
 * overdue. An action assigned to an agency without a person counts on a line
 * for the agency itself.
 */
import type { PlanStage } from '../domain/plan/commands.js';
import { type ActionDirectory, isOpen, isOverdue } from './actions.js';
import { type PlanDirectory, planOwners } from './plans.js';

export interface OwnersBoardLine {
  readonly agencyOrGroup: string;
  /** Null on the line for actions assigned to the agency but to nobody in it. */
  readonly person: string | null;
  readonly plansOwned: number;
  readonly byStage: Partial<Record<PlanStage, number>>;
  readonly reviewsOverdue: number;
  readonly actionsOpen: number;
  readonly actionsOverdue: number;
}

export function ownersBoard(plans: PlanDirectory, actions: ActionDirectory, today: string, agencyId?: string): OwnersBoardLine[] {
  const lines = new Map<string, { -readonly [K in keyof OwnersBoardLine]: OwnersBoardLine[K] }>();
  const lineFor = (agencyOrGroup: string, person: string | null) => {
    const key = `${agencyOrGroup}\u0000${person ?? ''}`;
    let line = lines.get(key);
    if (!line) {
      line = { agencyOrGroup, person, plansOwned: 0, byStage: {}, reviewsOverdue: 0, actionsOpen: 0, actionsOverdue: 0 };
      lines.set(key, line);
    }
    return line;
  };
  for (const owner of planOwners(plans, today, agencyId)) {
    Object.assign(lineFor(owner.agencyOrGroup, owner.ownerName), { plansOwned: owner.plansOwned, byStage: owner.byStage, reviewsOverdue: owner.reviewsOverdue });
  }
  for (const { action } of actions.values()) {
    if (!isOpen(action) || (agencyId !== undefined && action.agencyId !== agencyId)) continue;
    const line = lineFor(action.agencyId, action.person ?? null);
    line.actionsOpen += 1;
    if (isOverdue(action, today)) line.actionsOverdue += 1;
  }
  return [...lines.values()].sort((a, b) => a.agencyOrGroup.localeCompare(b.agencyOrGroup) || (a.person ?? '').localeCompare(b.person ?? ''));
}
