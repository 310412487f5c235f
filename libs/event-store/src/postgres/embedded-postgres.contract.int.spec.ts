import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@itsm/embedded-postgres';
import { describeEventStoreContract } from '../testing';
import { postgresContractHarness } from './sql-contract.harness';

/** The embedded shape's store: the same adapter, on the PostgreSQL server the platform starts in its data folder. */
describeEventStoreContract(
  'embedded PostgreSQL',
  async () => {
    const folder = mkdtempSync(join(tmpdir(), 'itsm-embedded-contract-'));
    const server = await startEmbeddedPostgres({ directory: join(folder, 'postgres') });
    const harness = await postgresContractHarness(server.connectionString);
    return {
      ...harness,
      async dispose() {
        await harness.dispose();
        await server.stop();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  },
  { holdAppendOpen: true, attemptRewrite: true, multiStreamAppend: true, importEvents: true, headPosition: true },
);
