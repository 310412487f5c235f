// Runs the longest suites first so the two workers finish together. Jest orders by the durations it cached in
// earlier runs; a fresh clone (every CI run) has none and jest falls back to file size, which puts a short file
// that runs for minutes (the 10-round crash test) last. So, without cached durations: suites whose docblock says
// `@slow` first, then integration and browser specs (they boot apps and servers), then the rest, each by size.
const { readFileSync } = require('node:fs');
const TestSequencer = require('@jest/test-sequencer').default;

const HEAD_BYTES = 4096;
const isIntegration = (path) => /\.int\.spec\.ts$|\/e2e\//.test(path);

const markedSlow = (path) => {
  try {
    const head = readFileSync(path, 'utf8').slice(0, HEAD_BYTES);
    return /^\s*\/?\*+\s*@slow\b/m.test(head);
  } catch {
    return false;
  }
};

const rank = (test) => (markedSlow(test.path) ? 2 : isIntegration(test.path) ? 1 : 0);

class SlowFirstSequencer extends TestSequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((test) => test.duration != null)) return sorted;
    // Array.prototype.sort is stable: within a rank, jest's own order (by size) stays.
    return sorted
      .map((test) => ({ test, rank: rank(test) }))
      .sort((a, b) => b.rank - a.rank)
      .map(({ test }) => test);
  }
}

module.exports = SlowFirstSequencer;
