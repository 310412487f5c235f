import type { ChangeOutcome, ChangeRiskAnswers, ChangeRiskFacts, ChangeType, RiskLevel } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import type { RiskHistoryEntry } from './risk-history';
import type { ChangeRiskHistoryTables } from './risk-history.projection';

interface RiskHistoryRow {
  change_id: string;
  number: string;
  type: ChangeType;
  recorded_level: RiskLevel;
  recorded_policy_version: string;
  facts: ChangeRiskFacts | null;
  answers: ChangeRiskAnswers | null;
  assessed_at: Date | string;
  outcome: ChangeOutcome | null;
  caused_incidents: number;
}

const PAGE = 2_000;

/** The risk history the back-test replays (`POST /changes/risk/backtest`). */
export class RiskHistoryQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: ChangeRiskHistoryTables,
  ) {}

  /** Every change whose risk was assessed, by change number, read in pages (`onProgress` after each). */
  async assessedChanges(options: { onProgress?: (read: number) => void } = {}): Promise<RiskHistoryEntry[]> {
    const entries: RiskHistoryEntry[] = [];
    let after = '';
    for (;;) {
      const rows = await this.db.query<RiskHistoryRow>(
        `SELECT change_id, number, type, recorded_level, recorded_policy_version, facts, answers, assessed_at, outcome, caused_incidents
         FROM ${this.tables.change_risk_history} WHERE recorded_level IS NOT NULL AND change_id > $1 ORDER BY change_id LIMIT ${PAGE}`,
        [after],
      );
      for (const row of rows) {
        entries.push({
          changeId: row.change_id,
          number: row.number,
          type: row.type,
          recordedLevel: row.recorded_level,
          recordedPolicyVersion: row.recorded_policy_version,
          facts: row.facts,
          answers: row.answers,
          assessedAt: new Date(row.assessed_at).toISOString(),
          outcome: row.outcome,
          causedIncidents: row.caused_incidents,
        });
      }
      options.onProgress?.(entries.length);
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].change_id;
    }
    return entries.sort((a, b) => a.number.localeCompare(b.number));
  }
}
