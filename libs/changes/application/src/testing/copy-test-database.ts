import { readModelTestDatabasesFor, type ReadModelTestDatabase } from '@itsm/projections';

export type CopyTestDatabase = ReadModelTestDatabase;

/** The read-model specs' databases (see @itsm/projections' `readModelTestDatabasesFor`). */
export const copyTestDatabases = readModelTestDatabasesFor('chga');
