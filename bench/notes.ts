/**
 * A small decider for the benchmarks, apart from any one domain: a plan that
 * records notes. Every RecordNote appends one NoteRecorded; the state is only a
 * count, so folding costs next to nothing and the benchmark measures the
 * machinery (load, decide, append, group commit).
 */
import type { StreamKind } from '../src/app/command-handler.js';

export type NoteCommand = { type: 'RecordNote'; text: string };
export type NoteEvent = { type: 'NoteRecorded'; text: string; by: string; agencyId: string };
export interface NoteState {
  notes: number;
}

export const benchNotes: StreamKind<NoteCommand, NoteEvent, NoteState> = {
  schemaVersion: 1,
  decider: {
    initialState: () => ({ notes: 0 }),
    evolve: (state, event) => (event.type === 'NoteRecorded' ? { notes: state.notes + 1 } : state),
    decide: (command, _state, ctx) => [{ type: 'NoteRecorded', text: command.text, by: ctx.actor.userId, agencyId: ctx.actor.agencyId }],
  },
};
