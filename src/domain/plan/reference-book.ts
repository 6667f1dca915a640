/**
 * Plan references (PSP-2026-0007): one book a year, numbering plans in the
 * order they are opened. A stream per year makes each number unique without
 * a lock: two plans opened at once conflict on the book, and one takes the
 * next number. A plan asking again gets the number it already has.
 */
import type { Decider } from '../shared/decider.js';

export type ReferenceBookCommand = { type: 'ReservePlanReference'; planId: string; year: number };
export type ReferenceBookEvent = { type: 'PlanReferenceReserved'; planId: string; year: number; number: number };
export interface ReferenceBookState {
  readonly issued: number;
  readonly byPlan: ReadonlyMap<string, number>;
}

export function planReference(year: number, number: number): string {
  return `PSP-${year}-${String(number).padStart(4, '0')}`;
}

export const referenceBookDecider: Decider<ReferenceBookCommand, ReferenceBookEvent, ReferenceBookState> = {
  initialState: () => ({ issued: 0, byPlan: new Map() }),
  evolve(state, event) {
    if (event.type !== 'PlanReferenceReserved') return state;
    const byPlan = new Map(state.byPlan);
    byPlan.set(event.planId, event.number);
    return { issued: Math.max(state.issued, event.number), byPlan };
  },
  decide(command, state) {
    if (state.byPlan.has(command.planId)) return [];
    return [{ type: 'PlanReferenceReserved', planId: command.planId, year: command.year, number: state.issued + 1 }];
  },
};
