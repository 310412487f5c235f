import { changeIdOf, type ChangeEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection, type TableNames } from '@itsm/projections';
import { RISK_HISTORY_EVENT_TYPES } from './risk-history';

export const CHANGE_RISK_HISTORY_PROJECTION = 'change_risk_history';

export type ChangeRiskHistoryTables = TableNames<'change_risk_history'>;

/*
 * One row per change stream (the same rows from the log or from Kafka), the columns of `RiskHistoryEntry`. The
 * back-test reads the assessed ones in change-id order (the partial index), in pages.
 */
const createTables = (t: ChangeRiskHistoryTables): string => `
  CREATE TABLE ${t.change_risk_history} (
    change_id text PRIMARY KEY,
    number text NOT NULL,
    type text NOT NULL,
    recorded_level text,
    recorded_policy_version text,
    facts jsonb,
    answers jsonb,
    assessed_at timestamptz,
    outcome text,
    caused_incidents integer NOT NULL DEFAULT 0,
    revision integer NOT NULL
  );
  CREATE INDEX ON ${t.change_risk_history} (change_id) WHERE recorded_level IS NOT NULL;
`;

const apply = async (tx: SqlSession, event: RecordedEvent & ChangeEvent, t: ChangeRiskHistoryTables): Promise<void> => {
  const changeId = changeIdOf(event.streamId);
  const revision = event.streamRevision;
  const set = (assignments: string, ...values: unknown[]) =>
    tx.query(`UPDATE ${t.change_risk_history} SET ${assignments}, revision = $2 WHERE change_id = $1 AND revision < $2`, [changeId, revision, ...values]);
  switch (event.type) {
    case 'ChangeRaised':
      await tx.query(
        `INSERT INTO ${t.change_risk_history} (change_id, number, type, revision) VALUES ($1, $2, $3, $4) ON CONFLICT (change_id) DO NOTHING`,
        [changeId, event.data.number, event.data.type, revision],
      );
      return;
    case 'ChangeTypeChanged':
      await set('type = $3', event.data.to);
      return;
    case 'ChangeRiskAssessed': {
      const { level, policyVersion, assessedAt } = event.data;
      const facts = event.data.inputs?.facts ?? null;
      const answers = event.data.inputs?.answers ?? null;
      await set(
        'recorded_level = $3, recorded_policy_version = $4, facts = $5::jsonb, answers = $6::jsonb, assessed_at = $7',
        level,
        policyVersion,
        facts === null ? null : JSON.stringify(facts),
        answers === null ? null : JSON.stringify(answers),
        assessedAt,
      );
      return;
    }
    case 'ChangeCompleted':
      await set('outcome = $3', event.data.outcome);
      return;
    case 'ChangeCausedIncidentRecorded':
    case 'ChangeCausedIncidentRemoved':
      await set('caused_incidents = $3', event.data.causedIncidentCount);
      return;
    default:
      return;
  }
};

/** What the risk back-test replays: each change's latest assessment (facts, answers, level, policy) and outcome. */
export const changeRiskHistoryProjection = defineProjection<'change_risk_history'>({
  name: CHANGE_RISK_HISTORY_PROJECTION,
  eventTypes: RISK_HISTORY_EVENT_TYPES,
  tables: ['change_risk_history'],
  createTables,
  apply: (tx, event, t) => apply(tx, event as RecordedEvent & ChangeEvent, t),
});
