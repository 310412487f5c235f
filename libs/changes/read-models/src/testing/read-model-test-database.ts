import { readModelTestDatabasesFor } from '@itsm/projections';

export type { ReadModelTestDatabase } from '@itsm/projections';

/** The read-model specs' databases (see @itsm/projections' `readModelTestDatabasesFor`). */
export const readModelTestDatabases = readModelTestDatabasesFor('chg');
