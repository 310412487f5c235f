/** Where the catalog's read models live: the projection runtime's schemas (its defaults unless configured). */
export interface ReadModelLocation {
  /** Schema of the read-model tables (ProjectionRuntime `schema`, default `read_models`). */
  schema: string;
  /** Schema of the projection checkpoints (ProjectionRuntime `checkpointSchema`, default `projections`). */
  checkpointSchema: string;
}

export const DEFAULT_READ_MODEL_LOCATION: ReadModelLocation = { schema: 'read_models', checkpointSchema: 'projections' };

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** `"schema"."table"`, as the runtime names the live tables it hands to the projections. */
export const qualifiedTable = (schema: string, table: string): string => {
  if (!IDENTIFIER.test(schema) || !IDENTIFIER.test(table)) throw new Error(`Invalid read-model table name ${schema}.${table}`);
  return `"${schema}"."${table}"`;
};
