import {
  BUDGET_EVENT_TYPES,
  financeEntityIdOf,
  type BudgetActualRecordedV1,
  type BudgetCommitmentRecordedV1,
  type BudgetFellBelowThresholdV1,
  type BudgetPlannedV1,
  type BudgetPlanRevisedV1,
  type BudgetThresholdCrossedV1,
} from '@itsm/contracts';
import { defineProjection, type TableNames } from '@itsm/projections';
import { monthsOfPeriod } from '../shared/read-model-helpers';

export type BudgetListTables = TableNames<'finance_budgets'>;

/** The first and last day of a period ("2026-03", "2026-Q1"). */
export const periodDays = (period: string): { start: string; end: string } => {
  const months = monthsOfPeriod(period) ?? [period];
  const [year, lastMonth] = months[months.length - 1].split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return { start: `${months[0]}-01`, end: `${months[months.length - 1]}-${String(lastDay).padStart(2, '0')}` };
};

/**
 * One row per budget stream with its figures as the events state them (each posting event carries the new total,
 * so no sum is computed here), the thresholds and which of them are crossed now, with when.
 */
export const budgetListProjection = defineProjection<'finance_budgets'>({
  name: 'finance_budgets',
  eventTypes: BUDGET_EVENT_TYPES,
  tables: ['finance_budgets'],
  createTables: (t) => `
    CREATE TABLE ${t.finance_budgets} (
      budget_id uuid PRIMARY KEY,
      cost_center_id uuid NOT NULL,
      period text NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      currency text NOT NULL,
      planned text NOT NULL,
      committed text NOT NULL,
      actual text NOT NULL,
      thresholds integer[] NOT NULL,
      crossed jsonb NOT NULL,
      planned_at timestamptz NOT NULL,
      revision integer NOT NULL
    );
    CREATE INDEX ON ${t.finance_budgets} (cost_center_id, period_start, budget_id);
    CREATE INDEX ON ${t.finance_budgets} (period_start, budget_id);`,
  apply: async (tx, event, t) => {
    const id = financeEntityIdOf(event.streamId);
    const update = (assignments: string, ...values: unknown[]) =>
      tx.query(`UPDATE ${t.finance_budgets} SET ${assignments}, revision = $2 WHERE budget_id = $1 AND revision < $2`, [id, event.streamRevision, ...values]);
    switch (event.type) {
      case 'BudgetPlanned': {
        const data = event.data as BudgetPlannedV1;
        const { start, end } = periodDays(data.period);
        // Zero at the currency's exponent, as the planned amount is written: "1000.00" → "0.00".
        const fraction = data.planned.amount.split('.')[1] ?? '';
        const zero = fraction.length > 0 ? `0.${'0'.repeat(fraction.length)}` : '0';
        await tx.query(
          `INSERT INTO ${t.finance_budgets} (budget_id, cost_center_id, period, period_start, period_end, currency, planned, committed, actual, thresholds, crossed, planned_at, revision)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, '[]', $10, $11) ON CONFLICT (budget_id) DO NOTHING`,
          [id, data.costCenterId, data.period, start, end, data.planned.currency, data.planned.amount, zero, data.thresholds, data.plannedAt, event.streamRevision],
        );
        return;
      }
      case 'BudgetPlanRevised':
        await update('planned = $3', (event.data as BudgetPlanRevisedV1).planned.amount);
        return;
      case 'BudgetActualRecorded':
        await update('actual = $3', (event.data as BudgetActualRecordedV1).actual.amount);
        return;
      case 'BudgetCommitmentRecorded':
        await update('committed = $3', (event.data as BudgetCommitmentRecordedV1).committed.amount);
        return;
      case 'BudgetThresholdCrossed': {
        const { threshold, crossedAt } = event.data as BudgetThresholdCrossedV1;
        await update(
          `crossed = (SELECT COALESCE(jsonb_agg(c ORDER BY (c->>'threshold')::int), '[]') FROM jsonb_array_elements(crossed || $3::jsonb) c)`,
          JSON.stringify([{ threshold, crossedAt }]),
        );
        return;
      }
      case 'BudgetFellBelowThreshold': {
        const { threshold } = event.data as BudgetFellBelowThresholdV1;
        await update(`crossed = (SELECT COALESCE(jsonb_agg(c), '[]') FROM jsonb_array_elements(crossed) c WHERE (c->>'threshold')::int <> $3)`, threshold);
        return;
      }
    }
  },
});
