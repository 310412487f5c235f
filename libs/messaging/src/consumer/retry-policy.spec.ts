import { backoffDelayMs, DEFAULT_RETRY_POLICY, retryPolicy } from './retry-policy';

describe('retry policy', () => {
  it('waits exponentially longer after each failure, up to the cap', () => {
    const policy = retryPolicy({ initialDelayMs: 100, multiplier: 2, maxDelayMs: 500 });
    expect([1, 2, 3, 4, 5].map((failed) => backoffDelayMs(policy, failed))).toEqual([100, 200, 400, 500, 500]);
  });

  it('fills what is not given from the defaults', () => {
    expect(retryPolicy({ maxAttempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
  });

  it('refuses a policy that would never try or would wait less each time', () => {
    expect(() => retryPolicy({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => retryPolicy({ multiplier: 0.5 })).toThrow(/multiplier/);
  });
});
