import { formatNumber } from '@itsm/event-sourcing';
import type { SqlExecutor } from '../postgres/sql-executor.port';
import { assertSchemaName, assertSqlName, onceDdl } from './idempotent-ddl';

export interface SqlNumberSequenceOptions {
  /** The schema that holds the sequence, created with it when missing (`catalog`). */
  schema: string;
  /** The sequence's name in that schema (`service_numbers`). */
  sequence: string;
  /** What the numbers start with (`SVC` → `SVC0000001`). */
  prefix: string;
}

/**
 * Human-facing numbers (`SVC0000001`, `INC0000001`, `CAL0000001`) from a PostgreSQL sequence, the same on a server and
 * on PGlite. `nextval` is atomic across connections and processes and never hands a value out twice, even when the
 * append that was to use it fails (that number is then skipped): numbers are unique and increasing, not gap-free.
 * The schema and sequence are created on the first `next()` with idempotent DDL that tolerates two processes
 * creating them at once. Calls made while a draw is on its way are drawn together in one statement after it (a busy
 * service desk opening incidents at once costs one round trip, not one each), numbered in the order they came.
 */
export class SqlNumberSequence {
  /** `schema.sequence`, both checked identifiers. */
  readonly qualifiedName: string;
  private readonly prefix: string;
  private readonly ensure: () => Promise<void>;
  private readonly waiting: Array<{ resolve: (number: string) => void; reject: (error: unknown) => void }> = [];
  private drawing = false;

  constructor(
    private readonly db: SqlExecutor,
    { schema, sequence, prefix }: SqlNumberSequenceOptions,
  ) {
    this.qualifiedName = `${assertSchemaName(schema)}.${assertSqlName(sequence, 'sequence')}`;
    this.prefix = prefix;
    this.ensure = onceDdl(db, `CREATE SCHEMA IF NOT EXISTS ${schema}; CREATE SEQUENCE IF NOT EXISTS ${this.qualifiedName} AS bigint START 1`);
  }

  /** The next number, formatted with the prefix (seven digits at least). */
  async next(): Promise<string> {
    await this.ensure();
    return new Promise<string>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.drawing) void this.drawWaiting();
    });
  }

  /** Draws for everyone waiting, one statement per round, until nobody is. */
  private async drawWaiting(): Promise<void> {
    this.drawing = true;
    while (this.waiting.length > 0) {
      const callers = this.waiting.splice(0);
      try {
        const rows = await this.db.query<{ value: string }>(`SELECT nextval('${this.qualifiedName}')::text AS value FROM generate_series(1, $1::int)`, [callers.length]);
        const values = rows.map((row) => Number(row.value)).sort((a, b) => a - b);
        callers.forEach((caller, index) => caller.resolve(formatNumber(this.prefix, values[index])));
      } catch (error) {
        for (const caller of callers) caller.reject(error);
      }
    }
    this.drawing = false;
  }
}
