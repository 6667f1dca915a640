/**
 * Given/when/then for deciders: given these past events, when this command
 * arrives from this actor at this instant, then exactly these events, or this
 * rule's code. No store, no clock: the decider is pure.
 */
import { expect } from 'vitest';
import type { Actor } from '../../src/domain/shared/actor.js';
import type { Decider } from '../../src/domain/shared/decider.js';
import { fold } from '../../src/domain/shared/decider.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';

export const defaultInstant = new Date('2026-11-05T19:00:00.000Z');

export function givenWhenThen<Command extends { type: string }, Event extends { type: string }, State>(decider: Decider<Command, Event, State>) {
  return function given(history: readonly Event[]) {
    return {
      when(command: Command, actor: Actor, now: Date = defaultInstant) {
        const run = () => decider.decide(command, fold(decider, history), { now, actor });
        return {
          then(expected: readonly Event[]): void {
            expect(run()).toEqual(expected);
          },
          thenViolates(code: string, messagePart?: string): void {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown, `expected the rule ${code} to be broken`).toBeInstanceOf(DomainError);
            expect((thrown as DomainError).code).toBe(code);
            if (messagePart) expect((thrown as DomainError).message).toContain(messagePart);
          },
        };
      },
    };
  };
}
