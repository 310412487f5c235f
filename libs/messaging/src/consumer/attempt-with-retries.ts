import { backoffDelayMs, type RetryPolicy } from './retry-policy';

export type AttemptsOutcome = { handled: true; attempts: number } | { handled: false; attempts: number; error: unknown };

/**
 * Runs `attempt` until it resolves or the policy's attempts are spent, waiting with exponential backoff in
 * between. `wait` may reject (the consumer is closing): that rejection ends the loop and propagates, so the
 * message stays uncommitted and is delivered again later.
 */
export const attemptWithRetries = async (
  attempt: (attemptNumber: number) => Promise<void>,
  policy: RetryPolicy,
  wait: (ms: number) => Promise<void>,
): Promise<AttemptsOutcome> => {
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      await attempt(attemptNumber);
      return { handled: true, attempts: attemptNumber };
    } catch (error) {
      if (attemptNumber >= policy.maxAttempts) return { handled: false, attempts: attemptNumber, error };
      await wait(backoffDelayMs(policy, attemptNumber));
    }
  }
};
