import { withoutPreloads } from './verify-in-parallel';

describe('the verify workers\' Node flags', () => {
  it('are the parent\'s without its preloads (ts-node stays out of the threads, profiling flags reach them)', () => {
    expect(withoutPreloads(['-r', 'ts-node/register/transpile-only', '--require', 'tsconfig-paths/register', '--require=x', '--cpu-prof', '--cpu-prof-dir=/tmp/p', '--max-old-space-size=512'])).toEqual([
      '--cpu-prof',
      '--cpu-prof-dir=/tmp/p',
      '--max-old-space-size=512',
    ]);
    expect(withoutPreloads([])).toEqual([]);
  });
});
