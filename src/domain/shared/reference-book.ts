/**
 * Human references (PSP-2026-0007 for a plan, ACT-2026-0420 for an action):
 * one book per kind a year, numbering entities in the order they are made. A
 * stream per book makes each number unique without a lock: two entities made
 * at once conflict on the book, and one takes the next number. An entity
 * asking again gets the number it already has.
 */
import type { Decider } from './decider.js';

export type ReferenceKind = 'plan' | 'action' | 'asbcase';

const PREFIX: Record<ReferenceKind, string> = { plan: 'PSP', action: 'ACT', asbcase: 'ASB' };

export type ReferenceBookCommand = { type: 'ReserveReference'; entityId: string; year: number };
export type ReferenceBookEvent = { type: 'ReferenceReserved'; entityId: string; year: number; number: number };
export interface ReferenceBookState {
  readonly issued: number;
  readonly byEntity: ReadonlyMap<string, number>;
}

export function formatReference(kind: ReferenceKind, year: number, number: number): string {
  return `${PREFIX[kind]}-${year}-${String(number).padStart(4, '0')}`;
}

export const referenceBookDecider: Decider<ReferenceBookCommand, ReferenceBookEvent, ReferenceBookState> = {
  initialState: () => ({ issued: 0, byEntity: new Map() }),
  evolve(state, event) {
    if (event.type !== 'ReferenceReserved') return state;
    const byEntity = new Map(state.byEntity);
    byEntity.set(event.entityId, event.number);
    return { issued: Math.max(state.issued, event.number), byEntity };
  },
  decide(command, state) {
    if (state.byEntity.has(command.entityId)) return [];
    return [{ type: 'ReferenceReserved', entityId: command.entityId, year: command.year, number: state.issued + 1 }];
  },
};
