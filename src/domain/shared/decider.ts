import type { Actor } from './actor.js';

/** What a decision may know besides the state: the time and who asks. Given, never read from a clock. */
export interface DecideContext {
  readonly now: Date;
  readonly actor: Actor;
}

/**
 * A stream kind as three pure functions. `evolve` is total (it never throws, an
 * unknown event leaves the state as it was); `decide` throws DomainError when a
 * rule is broken and otherwise returns the events that record the decision.
 */
export interface Decider<Command extends { type: string }, Event extends { type: string }, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, ctx: DecideContext): Event[];
}

export function fold<Event extends { type: string }, State>(
  decider: Pick<Decider<never, Event, State>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
