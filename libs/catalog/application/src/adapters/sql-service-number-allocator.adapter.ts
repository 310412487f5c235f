import { formatNumber } from '@itsm/event-sourcing';
import type { SqlExecutor } from '@itsm/event-store';
import { SERVICE_NUMBER_PREFIX } from '@itsm/contracts';
import type { ServiceNumberAllocator } from '../ports/service-number-allocator.port';

export const DEFAULT_CATALOG_SCHEMA = 'catalog';
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * SVC numbers from a PostgreSQL sequence: `nextval` is atomic across connections and processes and never hands
 * a value out twice, even when the append that was to use it fails (that number is then skipped).
 */
export class SqlServiceNumberAllocator implements ServiceNumberAllocator {
  private ready: Promise<void> | undefined;
  private readonly sequence: string;

  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string = DEFAULT_CATALOG_SCHEMA,
  ) {
    if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
    this.sequence = `${schema}.service_numbers`;
  }

  async next(): Promise<string> {
    await this.ensureSequence();
    const [row] = await this.db.query<{ value: string }>(`SELECT nextval('${this.sequence}')::text AS value`);
    return formatNumber(SERVICE_NUMBER_PREFIX, Number(row.value));
  }

  private ensureSequence(): Promise<void> {
    this.ready ??= this.createSequence().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createSequence(): Promise<void> {
    const ddl = `CREATE SCHEMA IF NOT EXISTS ${this.schema}; CREATE SEQUENCE IF NOT EXISTS ${this.sequence} AS bigint START 1`;
    try {
      await this.db.exec(ddl);
    } catch (error) {
      // Two processes creating the same schema or sequence at once: one loses with a unique violation; it now exists.
      if ((error as { code?: string }).code !== '23505') throw error;
      await this.db.exec(ddl);
    }
  }
}
