import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// One jest run over every Nx project that has a jest config (npm test runs this).
export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  // The same limit as jest.preset.js: for hung tests, not a speed check (PGlite and whole apps boot slowly on a busy 2-core machine).
  testTimeout: 90_000,
  // Longest suites first, also on a fresh clone without jest's cached durations.
  testSequencer: '<rootDir>/tools/jest/slow-first-sequencer.cjs',
  // ts-jest workers grow with every project they compile; recycle them.
  workerIdleMemoryLimit: '1GB',
});
