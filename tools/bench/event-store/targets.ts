import type { BenchConfig } from '../shared/config';
import { createScratchDatabase } from '../shared/postgres-database';
import type { Contender, ContenderFactory } from './contender';
import { startEmmettPostgres } from './contenders/emmett-postgres.contender';
import { oursOnPglite, oursOnPostgres } from './contenders/ours.contender';
import { startRawInsertPglite } from './contenders/raw-insert-pglite.contender';
import { startRawInsertPostgres } from './contenders/raw-insert-postgres.contender';

/** Where the contenders run: each gets its own fresh store there, removed when it closes. */
export interface Target {
  name: string;
  contenders: { name: string; start?: () => Promise<Contender>; skipped?: string }[];
}

/** Same as pg's default pool, which Emmett (through dumbo) uses too. */
const RAW_POOL_SIZE = 10;

/** Starts the contender in a database of its own on the server, dropped after `close`. */
const inScratchDatabase = (config: BenchConfig, factory: ContenderFactory<string>): Target['contenders'][number] =>
  'skipped' in factory
    ? factory
    : {
        name: factory.name,
        start: async () => {
          const database = await createScratchDatabase(config.databaseUrl, factory.name);
          try {
            const contender = await factory.start(database.connectionString);
            return { ...contender, close: () => contender.close().finally(() => database.drop()) };
          } catch (error) {
            await database.drop();
            throw error;
          }
        },
      };

const standalone = (factory: ContenderFactory<void>): Target['contenders'][number] =>
  'skipped' in factory ? factory : { name: factory.name, start: () => factory.start() };

export const eventStoreTargets = (config: BenchConfig): Target[] => [
  {
    name: 'postgres',
    contenders: [
      inScratchDatabase(config, oursOnPostgres()),
      inScratchDatabase(config, { name: 'Emmett', start: startEmmettPostgres }),
      inScratchDatabase(config, { name: 'raw INSERT', start: (url) => startRawInsertPostgres(url, RAW_POOL_SIZE) }),
    ],
  },
  {
    name: 'pglite',
    contenders: [
      standalone(oursOnPglite()),
      {
        name: 'Emmett',
        skipped: 'emmett-postgresql 0.42 runs only on node-postgres (dumbo 0.12 has no PGlite connector)',
      },
      standalone({ name: 'raw INSERT', start: startRawInsertPglite }),
    ],
  },
];
