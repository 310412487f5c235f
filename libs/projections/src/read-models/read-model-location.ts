import type { Projection, TableNames } from '../projection';
import { assertIdentifier, qualified, tableNamesOf } from '../runtime/sql-names';

/** Where a service's read models live: the projection runtime's schemas (its defaults unless configured). */
export interface ReadModelLocation {
  /** Schema of the read-model tables (ProjectionRuntime `schema`, default `read_models`). */
  schema: string;
  /** Schema of the projection checkpoints (ProjectionRuntime `checkpointSchema`, default `projections`). */
  checkpointSchema: string;
}

export const DEFAULT_READ_MODEL_LOCATION: ReadModelLocation = { schema: 'read_models', checkpointSchema: 'projections' };

/** `"schema"."table"`, as the runtime names the live tables it hands to the projections. */
export const qualifiedTable = (schema: string, table: string): string =>
  qualified(assertIdentifier('Read-model schema', schema), assertIdentifier('Read-model table', table));

/** The live tables of a projection in a read-model schema, named as `createTables` and `apply` receive them. */
export const liveTablesOf = <Table extends string>(projection: Projection<Table>, schema: string): TableNames<Table> =>
  tableNamesOf(projection, assertIdentifier('Read-model schema', schema));
