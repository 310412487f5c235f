import type { BenchConfig } from '../shared/config';
import { createScratchDatabase } from '../shared/postgres-database';
import type { Contender } from './contender';
import { startEmmettPostgres } from './contenders/emmett-postgres.contender';
import {
  startOursPglite,
  startOursPostgres,
} from './contenders/ours.contender';
import { startRawInsertPglite } from './contenders/raw-insert-pglite.contender';
import { startRawInsertPostgres } from './contenders/raw-insert-postgres.contender';

/** A contender on a target, or the reason it cannot run there (shown under the table). */
export type TargetContender =
  | { name: string; start: () => Promise<Contender> }
  | { name: string; skipped: string };

/** Where the contenders run: each gets its own fresh store there, removed when it closes. */
export interface Target {
  name: string;
  contenders: TargetContender[];
}

/** Our store's default pool size, which is also pg's default, and so Emmett's (dumbo on pg). */
const POOL_SIZE = 10;

/** Starts the contender in a database of its own on the server, dropped after `close`. */
const inScratchDatabase = (
  config: BenchConfig,
  name: string,
  start: (url: string) => Promise<Contender>,
): TargetContender => ({
  name,
  start: async () => {
    const database = await createScratchDatabase(config.databaseUrl, name);
    try {
      const contender = await start(database.connectionString);
      return {
        ...contender,
        close: () => contender.close().finally(() => database.drop()),
      };
    } catch (error) {
      await database.drop();
      throw error;
    }
  },
});

export const eventStoreTargets = (config: BenchConfig): Target[] => [
  {
    name: 'postgres',
    contenders: [
      inScratchDatabase(config, 'ours', startOursPostgres),
      inScratchDatabase(config, 'Emmett', (url) =>
        startEmmettPostgres(url, POOL_SIZE),
      ),
      inScratchDatabase(config, 'raw INSERT', (url) =>
        startRawInsertPostgres(url, POOL_SIZE),
      ),
    ],
  },
  {
    name: 'pglite',
    contenders: [
      { name: 'ours', start: startOursPglite },
      {
        name: 'Emmett',
        skipped:
          'emmett-postgresql 0.42 runs only on node-postgres (dumbo 0.12 has no PGlite connector)',
      },
      { name: 'raw INSERT', start: startRawInsertPglite },
    ],
  },
];
