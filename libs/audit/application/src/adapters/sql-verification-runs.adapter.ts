import type { SqlExecutor } from '@itsm/event-store';
import type { AuditTables } from '../schema/audit-schema';
import type { AuditVerification } from '../verify/audit-verification';

export interface RecordedVerification {
  id: number;
  source: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  result: AuditVerification;
}

/** The results of every verification run (the CLI's and the platform's), for GET /api/v1/audit/verify. */
export class SqlVerificationRuns {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: AuditTables,
  ) {}

  async record(source: string, result: AuditVerification): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.tables.verifications} (started_at, finished_at, ok, source, result) VALUES ($1::timestamptz, $2::timestamptz, $3, $4, $5::text::jsonb)`,
      [result.startedAt, result.finishedAt, result.ok, source, JSON.stringify(result)],
    );
  }

  async latest(): Promise<RecordedVerification | null> {
    const [row] = await this.db.query<{ id: string; source: string; started_at: string; finished_at: string; ok: boolean; result: AuditVerification }>(
      `SELECT id, source, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS started_at,
              to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS finished_at, ok, result
         FROM ${this.tables.verifications} ORDER BY id DESC LIMIT 1`,
    );
    return row ? { id: Number(row.id), source: row.source, startedAt: row.started_at, finishedAt: row.finished_at, ok: row.ok, result: row.result } : null;
  }
}
