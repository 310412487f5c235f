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
      return decider.decide(command, state);
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
