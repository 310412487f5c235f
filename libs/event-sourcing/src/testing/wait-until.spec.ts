import { waitUntil } from './wait-until';

describe('waitUntil', () => {
  it('returns the first value that is neither undefined nor false, polling until then', async () => {
    let reads = 0;
    const value = await waitUntil('the third read', () => (++reads >= 3 ? { reads } : undefined), 1_000, 1);
    expect(value).toEqual({ reads: 3 });
  });

  it('takes a boolean predicate as it is: false means not yet', async () => {
    let reads = 0;
    expect(await waitUntil('the second read', async () => ++reads >= 2, 1_000, 1)).toBe(true);
    expect(reads).toBe(2);
  });

  it('returns falsy values other than false and undefined (0, null, an empty string)', async () => {
    expect(await waitUntil('zero', () => 0, 1_000, 1)).toBe(0);
    expect(await waitUntil('null', () => null, 1_000, 1)).toBeNull();
    expect(await waitUntil('an empty string', () => '', 1_000, 1)).toBe('');
  });

  it('fails after the timeout naming what it waited for, described when it gives up', async () => {
    let reads = 0;
    await expect(waitUntil(() => `a read that never comes (${reads} reads)`, () => (++reads, false), 30, 5)).rejects.toThrow(
      /^Timed out after 30 ms waiting for a read that never comes \(\d+ reads\)$/,
    );
    expect(reads).toBeGreaterThan(1);
  });
});
