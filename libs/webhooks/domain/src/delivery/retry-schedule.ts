/**
 * When a failed delivery is tried again: exponential backoff with full jitter (a random wait between 0 and
 * `baseDelayMs * 2^(attempt-1)`, capped at `maxDelayMs`), so receivers coming back up are not hit by every sender at
 * once. After `maxAttempts` attempts the delivery is dead-lettered (kept, listed, redeliverable by hand).
 */
export interface RetrySchedule {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** About 5 s, 10 s, 20 s … capped at one hour; 10 attempts span up to about 43 minutes. */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = Object.freeze({ maxAttempts: 10, baseDelayMs: 5_000, maxDelayMs: 3_600_000 });

export type AttemptOutcome = { succeeded: true } | { succeeded: false; error: string };

export type NextDeliveryStep = { kind: 'delivered' } | { kind: 'retry'; at: Date } | { kind: 'dead-lettered'; error: string };

/** The longest wait before attempt `attemptsMade + 1` (before jitter). */
export const backoffCeilingMs = (attemptsMade: number, schedule: RetrySchedule): number =>
  Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));

/**
 * What follows an attempt. `attemptsMade` counts this one; `random` is in [0, 1) (Math.random in production, fixed in
 * specs).
 */
export const nextDeliveryStep = (attemptsMade: number, outcome: AttemptOutcome, schedule: RetrySchedule, now: Date, random: number): NextDeliveryStep => {
  if (outcome.succeeded) return { kind: 'delivered' };
  if (attemptsMade >= schedule.maxAttempts) return { kind: 'dead-lettered', error: outcome.error };
  return { kind: 'retry', at: new Date(now.getTime() + Math.floor(random * backoffCeilingMs(attemptsMade, schedule))) };
};

/** A schedule from settings; every figure a positive integer, the base no longer than the cap. */
export const retrySchedule = (schedule: RetrySchedule): RetrySchedule => {
  for (const [name, value] of Object.entries(schedule)) {
    if (!Number.isInteger(value) || value < (name === 'maxAttempts' ? 1 : 0)) throw new RangeError(`${name} must be a whole number ≥ ${name === 'maxAttempts' ? 1 : 0}, not ${value}`);
  }
  if (schedule.baseDelayMs > schedule.maxDelayMs) throw new RangeError('baseDelayMs must not exceed maxDelayMs');
  return Object.freeze({ ...schedule });
};
