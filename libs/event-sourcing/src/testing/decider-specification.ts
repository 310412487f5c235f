import type { Decider } from '../decider';
import type { DomainEvent } from '../envelope';

type ErrorClass = new (...args: never[]) => Error;

/** The slice of jest's `expect` the specification uses; passed in so the kernel does not depend on jest. */
export type Expect = (actual: unknown) => {
  toEqual(expected: unknown): void;
  toBeInstanceOf(expected: ErrorClass): void;
  toMatch(expected: string | RegExp): void;
};

export interface DeciderSpecification<Command, Event> {
  when(command: Command): {
    then(expected: Event[]): void;
    thenNothingHappens(): void;
    thenThrows(errorClass: ErrorClass, message?: string | RegExp): void;
  };
}

/** Sees every list of events a decider returned in a specification (e.g. to check them against published schemas). */
export type DecidedEventsObserver = (events: readonly DomainEvent[]) => void;

const decidedEventsObservers = new Set<DecidedEventsObserver>();

/**
 * Registers an observer of every decision made through `deciderSpecification` (a jest setup file does this once per
 * project); an observer that throws fails the `then` it runs in. Returns the way to unregister it.
 */
export const observeDecidedEvents = (observer: DecidedEventsObserver): (() => void) => {
  decidedEventsObservers.add(observer);
  return () => decidedEventsObservers.delete(observer);
};

/**
 * given/when/then for deciders:
 * `spec.given([opened]).when(assign).then([assigned])`.
 */
export const deciderSpecification = <Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
  expect: Expect,
) => ({
  given(events: Event[]): DeciderSpecification<Command, Event> {
    const run = (command: Command) => {
      const state = events.reduce(decider.evolve, decider.initialState());
      const decided = decider.decide(command, state);
      for (const observer of decidedEventsObservers) observer(decided);
      return decided;
    };
    return {
      when: (command: Command) => ({
        then: (expected: Event[]) => expect(run(command)).toEqual(expected),
        thenNothingHappens: () => expect(run(command)).toEqual([]),
        thenThrows: (errorClass: ErrorClass, message?: string | RegExp) => {
          let thrown: unknown;
          try {
            run(command);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(errorClass);
          if (message !== undefined) expect((thrown as Error).message).toMatch(message);
        },
      }),
    };
  },
});
