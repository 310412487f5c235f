import { describeEventStoreContract } from '../testing';
import { pgliteContractHarness } from './sql-contract.harness';

describeEventStoreContract('PGlite', pgliteContractHarness, { attemptRewrite: true, multiStreamAppend: true, importEvents: true, headPosition: true });
