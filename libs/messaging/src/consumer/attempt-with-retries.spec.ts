import { attemptWithRetries } from './attempt-with-retries';
import { retryPolicy } from './retry-policy';

const policy = retryPolicy({ maxAttempts: 3, initialDelayMs: 10, multiplier: 3, maxDelayMs: 1000 });

describe('attemptWithRetries', () => {
  it('stops at the first success and says after how many attempts', async () => {
    const waits: number[] = [];
    let calls = 0;
    const outcome = await attemptWithRetries(
      async () => {
        calls += 1;
        if (calls < 2) throw new Error('flaky');
      },
      policy,
      async (ms) => void waits.push(ms),
    );
    expect(outcome).toEqual({ handled: true, attempts: 2 });
    expect(waits).toEqual([10]);
  });

  it('gives up after maxAttempts with the last error, backing off between attempts', async () => {
    const waits: number[] = [];
    const seen: number[] = [];
    const outcome = await attemptWithRetries(
      async (attempt) => {
        seen.push(attempt);
        throw new Error(`failure ${attempt}`);
      },
      policy,
      async (ms) => void waits.push(ms),
    );
    expect(outcome).toMatchObject({ handled: false, attempts: 3, error: new Error('failure 3') });
    expect(seen).toEqual([1, 2, 3]);
    expect(waits).toEqual([10, 30]);
  });

  it('propagates a wait that is cut short (the consumer is closing) instead of giving up', async () => {
    const closing = new Error('consumer closing');
    await expect(
      attemptWithRetries(
        async () => {
          throw new Error('failure');
        },
        policy,
        () => Promise.reject(closing),
      ),
    ).rejects.toBe(closing);
  });
});
