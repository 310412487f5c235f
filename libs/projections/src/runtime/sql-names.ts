import type { Projection, TableNames } from '../projection';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Refuses anything but a plain lower-case identifier: names end up in DDL, where parameters cannot go. */
export const assertIdentifier = (what: string, name: string): string => {
  if (!IDENTIFIER.test(name)) throw new Error(`${what} must be a lower-case SQL identifier (a-z, 0-9, _; ≤ 63 chars): "${name}"`);
  return name;
};

export const qualified = (schema: string, table: string): string => `"${schema}"."${table}"`;

/** Suffix of a shadow table: `<table>__r<generation>`. */
export const shadowPrefix = (table: string): string => `${table}__r`;

export const shadowTableName = (table: string, generation: string): string => {
  const name = `${shadowPrefix(table)}${generation}`;
  return assertIdentifier('Shadow table name (shorten the table name)', name);
};

/** The names `createTables`/`apply` receive: live tables, or the shadow copies of one rebuild generation. */
export const tableNamesOf = <Table extends string>(
  projection: Projection<Table>,
  schema: string,
  generation?: string,
): TableNames<Table> =>
  Object.fromEntries(
    projection.tables.map((table) => [table, qualified(schema, generation === undefined ? table : shadowTableName(table, generation))]),
  ) as Record<Table, string>;
