import { DataDirectoryInUse } from '../data-directory/data-directory-lock';

/**
 * What a host prints when it cannot start: an operator's mistake (a bad setting, a data directory in use) in
 * its own words, anything else with its stack. Exits 1.
 */
export const reportStartFailure = (error: unknown): never => {
  const expected = error instanceof DataDirectoryInUse || (error instanceof Error && error.message.startsWith('Invalid configuration'));
  console.error(expected ? (error as Error).message : error);
  process.exit(1);
};
