import { backoffCeilingMs, DEFAULT_RETRY_SCHEDULE, nextDeliveryStep, retrySchedule } from './retry-schedule';

const schedule = retrySchedule({ maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 5_000 });
const now = new Date('2026-03-02T09:30:00.000Z');
const failed = { succeeded: false as const, error: 'HTTP 503' };
const later = (ms: number) => new Date(now.getTime() + ms);

describe('the retry schedule of a delivery', () => {
  it('is delivered once an attempt succeeds, whatever came before', () => {
    expect(nextDeliveryStep(3, { succeeded: true }, schedule, now, 0.5)).toEqual({ kind: 'delivered' });
  });

  it('doubles the ceiling of the wait after each failure, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => backoffCeilingMs(attempts, schedule))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('waits a random part of the ceiling (full jitter): nothing at 0, almost all of it near 1', () => {
    expect(nextDeliveryStep(2, failed, schedule, now, 0)).toEqual({ kind: 'retry', at: now });
    expect(nextDeliveryStep(2, failed, schedule, now, 0.5)).toEqual({ kind: 'retry', at: later(1_000) });
    expect(nextDeliveryStep(2, failed, schedule, now, 0.9999)).toEqual({ kind: 'retry', at: later(1_999) });
  });

  it('dead-letters the delivery after the last attempt, with the last error', () => {
    expect(nextDeliveryStep(4, failed, schedule, now, 0.5)).toEqual({ kind: 'dead-lettered', error: 'HTTP 503' });
  });

  it('refuses a schedule that cannot work', () => {
    expect(() => retrySchedule({ ...DEFAULT_RETRY_SCHEDULE, maxAttempts: 0 })).toThrow(/maxAttempts must be a whole number ≥ 1/);
    expect(() => retrySchedule({ ...DEFAULT_RETRY_SCHEDULE, baseDelayMs: 1.5 })).toThrow(/baseDelayMs/);
    expect(() => retrySchedule({ maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 5 })).toThrow('baseDelayMs must not exceed maxDelayMs');
  });
});
