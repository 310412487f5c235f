/** How often and how patiently a failing message is tried again before it goes to the dead-letter topic. */
export interface RetryPolicy {
  /** Attempts in all, the first one included (at least 1). */
  maxAttempts: number;
  /** Wait before the second attempt; each later wait is `multiplier` times the previous one. */
  initialDelayMs: number;
  multiplier: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 200,
  multiplier: 2,
  maxDelayMs: 10_000,
};

export const retryPolicy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new Error(`retry policy: maxAttempts must be a whole number >= 1, not ${policy.maxAttempts}`);
  }
  if (policy.initialDelayMs < 0 || policy.maxDelayMs < 0 || policy.multiplier < 1) {
    throw new Error('retry policy: delays must be >= 0 and the multiplier >= 1');
  }
  return policy;
};

/** Exponential backoff: the wait after the `failedAttempts`-th failure (1-based), capped at `maxDelayMs`. */
export const backoffDelayMs = (policy: RetryPolicy, failedAttempts: number): number =>
  Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** (failedAttempts - 1));
