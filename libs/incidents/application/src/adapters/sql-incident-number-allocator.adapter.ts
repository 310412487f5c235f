import { formatIncidentNumber } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import type { IncidentNumberAllocator } from '../ports/incident-number-allocator.port';

export const DEFAULT_INCIDENTS_SCHEMA = 'incidents';
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export const assertSchemaName = (schema: string): string => {
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
  return schema;
};

/** Runs idempotent DDL once per instance; two processes racing on CREATE … IF NOT EXISTS may see 23505, then it exists. */
export const onceDdl = (db: SqlExecutor, ddl: string): (() => Promise<void>) => {
  let ready: Promise<void> | undefined;
  const run = async () => {
    try {
      await db.exec(ddl);
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      await db.exec(ddl);
    }
  };
  return () =>
    (ready ??= run().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));
};

/** INC numbers from a PostgreSQL sequence: atomic across processes, never handed out twice. */
export class SqlIncidentNumberAllocator implements IncidentNumberAllocator {
  private readonly sequence: string;
  private readonly ensure: () => Promise<void>;

  constructor(
    private readonly db: SqlExecutor,
    schema: string = DEFAULT_INCIDENTS_SCHEMA,
  ) {
    this.sequence = `${assertSchemaName(schema)}.incident_numbers`;
    this.ensure = onceDdl(db, `CREATE SCHEMA IF NOT EXISTS ${schema}; CREATE SEQUENCE IF NOT EXISTS ${this.sequence} AS bigint START 1`);
  }

  async next(): Promise<string> {
    await this.ensure();
    const [row] = await this.db.query<{ value: string }>(`SELECT nextval('${this.sequence}')::text AS value`);
    return formatIncidentNumber(Number(row.value));
  }
}
