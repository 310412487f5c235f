import { formatChangeNumber } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import type { ChangeNumberAllocator } from '../ports/change-number-allocator.port';

export const DEFAULT_CHANGES_SCHEMA = 'changes';
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** CHG numbers from a PostgreSQL sequence: atomic across processes, never handed out twice. */
export class SqlChangeNumberAllocator implements ChangeNumberAllocator {
  private readonly sequence: string;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string = DEFAULT_CHANGES_SCHEMA,
  ) {
    if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
    this.sequence = `${schema}.change_numbers`;
  }

  async next(): Promise<string> {
    await this.ensureSequence();
    const [row] = await this.db.query<{ value: string }>(`SELECT nextval('${this.sequence}')::text AS value`);
    return formatChangeNumber(Number(row.value));
  }

  /** Idempotent DDL, once per instance; two processes racing on CREATE … IF NOT EXISTS may see 23505, then it exists. */
  private ensureSequence(): Promise<void> {
    const ddl = `CREATE SCHEMA IF NOT EXISTS ${this.schema}; CREATE SEQUENCE IF NOT EXISTS ${this.sequence} AS bigint START 1`;
    const run = async () => {
      try {
        await this.db.exec(ddl);
      } catch (error) {
        if ((error as { code?: string }).code !== '23505') throw error;
        await this.db.exec(ddl);
      }
    };
    return (this.ready ??= run().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    }));
  }
}
