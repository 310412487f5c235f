import { describeEventStoreContract } from '../testing';
import { postgresContractHarness } from './sql-contract.harness';
import { testDatabaseUrl } from './test-database-url';

describeEventStoreContract('PostgreSQL', () => postgresContractHarness(testDatabaseUrl()), {
  holdAppendOpen: true,
  attemptRewrite: true,
  multiStreamAppend: true,
  importEvents: true,
  headPosition: true,
});
