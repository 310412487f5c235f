import { assertSchemaName, onceDdl, type SqlExecutor } from '@itsm/event-store';
import type { LedgerImportRun, LedgerImportRuns } from '../ports/ledger-import-runs.port';

/** Schema of finance's own working tables (not read models: nothing here is rebuilt from the log). */
export const DEFAULT_FINANCE_SCHEMA = 'finance';

/** A running run that has not reported for this long is taken for dead (its process crashed): another may start. */
export const RUN_LEASE_SECONDS = 60;

interface RunRow {
  import_id: string;
  status: LedgerImportRun['status'];
  file_name: string | null;
  processed: number;
  total: number | null;
  bytes_received: string | number;
  bytes_expected: string | number | null;
  content_sha256: string | null;
  error_count: number;
  errors: LedgerImportRun['errors'];
  failure: string | null;
  totals: LedgerImportRun['totals'];
  started_by: string;
  started_at: Date | string;
  finished_at: Date | string | null;
}

const runOf = (row: RunRow): LedgerImportRun => ({
  importId: row.import_id,
  status: row.status,
  fileName: row.file_name,
  processed: row.processed,
  total: row.total,
  bytesReceived: Number(row.bytes_received),
  bytesExpected: row.bytes_expected === null ? null : Number(row.bytes_expected),
  contentSha256: row.content_sha256,
  errorCount: row.error_count,
  errors: row.errors,
  failure: row.failure,
  totals: row.totals,
  startedBy: row.started_by,
  startedAt: new Date(row.started_at).toISOString(),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
});

/** `LedgerImportRuns` in `<schema>.ledger_import_runs` (created on first use). */
export class SqlLedgerImportRuns implements LedgerImportRuns {
  private readonly table: string;
  private readonly ready: () => Promise<void>;

  constructor(
    private readonly db: SqlExecutor,
    schema: string = DEFAULT_FINANCE_SCHEMA,
  ) {
    this.table = `${assertSchemaName(schema)}.ledger_import_runs`;
    this.ready = onceDdl(
      db,
      `CREATE SCHEMA IF NOT EXISTS ${schema};
       CREATE TABLE IF NOT EXISTS ${this.table} (
         import_id text PRIMARY KEY,
         status text NOT NULL,
         file_name text,
         processed integer NOT NULL DEFAULT 0,
         total integer,
         bytes_received bigint NOT NULL DEFAULT 0,
         bytes_expected bigint,
         content_sha256 text,
         error_count integer NOT NULL DEFAULT 0,
         errors jsonb NOT NULL DEFAULT '[]',
         failure text,
         totals jsonb NOT NULL DEFAULT '[]',
         started_by text NOT NULL,
         started_at timestamptz NOT NULL,
         updated_at timestamptz NOT NULL,
         finished_at timestamptz
       );`,
    );
  }

  async start(run: Pick<LedgerImportRun, 'importId' | 'fileName' | 'bytesExpected' | 'startedBy'>, now: Date): Promise<boolean> {
    await this.ready();
    // A run of the same id may start again once the last one ended or went silent (a crashed process).
    const rows = await this.db.query<{ import_id: string }>(
      `INSERT INTO ${this.table} AS run (import_id, status, file_name, bytes_expected, started_by, started_at, updated_at)
       VALUES ($1, 'running', $2, $3, $4, $5, $5)
       ON CONFLICT (import_id) DO UPDATE SET status = 'running', file_name = excluded.file_name, processed = 0, total = NULL, bytes_received = 0,
         bytes_expected = excluded.bytes_expected, content_sha256 = NULL, error_count = 0, errors = '[]', failure = NULL, totals = '[]',
         started_by = excluded.started_by, started_at = excluded.started_at, updated_at = excluded.updated_at, finished_at = NULL
       WHERE run.status <> 'running' OR run.updated_at < $5::timestamptz - make_interval(secs => $6)
       RETURNING import_id`,
      [run.importId, run.fileName, run.bytesExpected, run.startedBy, now.toISOString(), RUN_LEASE_SECONDS],
    );
    return rows.length === 1;
  }

  async progress(importId: string, progress: Pick<LedgerImportRun, 'processed' | 'bytesReceived' | 'errorCount'>, now: Date): Promise<void> {
    await this.db.query(`UPDATE ${this.table} SET processed = $2, bytes_received = $3, error_count = $4, updated_at = $5 WHERE import_id = $1`, [
      importId,
      progress.processed,
      progress.bytesReceived,
      progress.errorCount,
      now.toISOString(),
    ]);
  }

  async finish(
    importId: string,
    outcome: Omit<LedgerImportRun, 'importId' | 'fileName' | 'bytesExpected' | 'startedBy' | 'startedAt' | 'finishedAt'>,
    now: Date,
  ): Promise<void> {
    await this.db.query(
      `UPDATE ${this.table} SET status = $2, processed = $3, total = $4, bytes_received = $5, content_sha256 = $6, error_count = $7, errors = $8,
         failure = $9, totals = $10, updated_at = $11, finished_at = $11 WHERE import_id = $1`,
      [
        importId,
        outcome.status,
        outcome.processed,
        outcome.total,
        outcome.bytesReceived,
        outcome.contentSha256,
        outcome.errorCount,
        JSON.stringify(outcome.errors),
        outcome.failure,
        JSON.stringify(outcome.totals),
        now.toISOString(),
      ],
    );
  }

  async get(importId: string): Promise<LedgerImportRun | null> {
    await this.ready();
    const [row] = await this.db.query<RunRow>(`SELECT * FROM ${this.table} WHERE import_id = $1`, [importId]);
    return row ? runOf(row) : null;
  }
}
