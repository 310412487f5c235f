import type { SqlExecutor } from '@itsm/event-store';
import { AGENT_RATE_CENTS, REPORTING_CURRENCY, type BenchCostCenter, type FinanceBenchData } from './finance-data';

/*
 * The baseline: the same rows in plain tables (schema `baseline`), and ONE SQL statement that allocates them with
 * integer cents: ledger lines summed per (target, account, currency, day) and converted once at the rate of the day,
 * half to even (as ours); labour priced per work log, half to even; each pool's cost shared by its percentages and
 * each service's labour by its metered units, with the largest remainder (ties to the earlier share in the rule's
 * order, usage consumers by id) — the rules ours documents, written with GROUP BY and window functions.
 */

const SCHEMA = 'baseline';
const CHUNK = 10_000;

/** Half to even of a non-negative or negative numeric `x`, as a bigint expression. */
const halfEven = (x: string) =>
  `(sign(${x}) * (floor(abs(${x})) + CASE WHEN abs(${x}) - floor(abs(${x})) > 0.5 OR (abs(${x}) - floor(abs(${x})) = 0.5 AND mod(floor(abs(${x})), 2) = 1) THEN 1 ELSE 0 END))::bigint`;

export const BASELINE_ALLOCATION_SQL = `
WITH grouped AS (
  SELECT target_kind, target_id, currency, posted_on, sum(amount_cents) AS cents
  FROM ${SCHEMA}.ledger_lines
  GROUP BY target_kind, target_id, account, currency, posted_on
), converted AS (
  SELECT g.target_kind, g.target_id,
         CASE WHEN g.currency = '${REPORTING_CURRENCY}' THEN g.cents::bigint ELSE ${halfEven('g.cents * r.rate')} END AS cents
  FROM grouped g
  LEFT JOIN LATERAL (
    SELECT rate FROM ${SCHEMA}.rates r
    WHERE r.from_currency = g.currency AND r.to_currency = '${REPORTING_CURRENCY}' AND r.day <= g.posted_on
    ORDER BY r.day DESC LIMIT 1
  ) r ON g.currency <> '${REPORTING_CURRENCY}'
), costs AS (
  SELECT target_id AS source_id, sum(cents)::bigint AS cents FROM converted WHERE target_kind = 'cost-pool' GROUP BY target_id
  UNION ALL
  SELECT service_id, sum((minutes * ${AGENT_RATE_CENTS}) / 60 + CASE WHEN 2 * ((minutes * ${AGENT_RATE_CENTS}) % 60) > 60
                                   OR (2 * ((minutes * ${AGENT_RATE_CENTS}) % 60) = 60 AND ((minutes * ${AGENT_RATE_CENTS}) / 60) % 2 = 1) THEN 1 ELSE 0 END)::bigint
  FROM ${SCHEMA}.work_logs GROUP BY service_id
), weights AS (
  SELECT pool_id AS source_id, consumer_id, ordinal, basis_points AS weight FROM ${SCHEMA}.pool_shares
  UNION ALL
  SELECT service_id, consumer_id, row_number() OVER (PARTITION BY service_id ORDER BY consumer_id COLLATE "C"), sum(quantity)::bigint
  FROM ${SCHEMA}.usage GROUP BY service_id, consumer_id
), shares AS (
  SELECT w.source_id, w.consumer_id, w.ordinal, c.cents AS total,
         (c.cents * w.weight) / (sum(w.weight) OVER source)::bigint AS floor_cents,
         (c.cents * w.weight) % (sum(w.weight) OVER source)::bigint AS remainder
  FROM weights w JOIN costs c USING (source_id)
  WINDOW source AS (PARTITION BY w.source_id)
), ranked AS (
  SELECT source_id, consumer_id, floor_cents,
         total - (sum(floor_cents) OVER (PARTITION BY source_id))::bigint AS left_over,
         row_number() OVER (PARTITION BY source_id ORDER BY remainder DESC, ordinal) AS place
  FROM shares
), lines AS (
  SELECT source_id, consumer_id, floor_cents + CASE WHEN place <= left_over THEN 1 ELSE 0 END AS cents FROM ranked
  UNION ALL
  SELECT NULL, target_id, cents FROM converted WHERE target_kind = 'cost-center'
)
SELECT 'consumer' AS kind, consumer_id AS id, sum(cents)::text AS cents FROM lines GROUP BY consumer_id
UNION ALL
SELECT 'source', source_id, sum(cents)::text FROM lines WHERE source_id IS NOT NULL GROUP BY source_id`;

export interface BaselineTotals {
  consumers: Map<string, bigint>;
  /** Per pool or service: what it allocated. */
  sources: Map<string, bigint>;
}

export const loadBaseline = async (db: SqlExecutor, data: FinanceBenchData, costCenters: readonly BenchCostCenter[]): Promise<void> => {
  await db.exec(`
    DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE;
    CREATE SCHEMA ${SCHEMA};
    CREATE TABLE ${SCHEMA}.ledger_lines (target_kind text NOT NULL, target_id text NOT NULL, account text NOT NULL, currency text NOT NULL, posted_on date NOT NULL, amount_cents bigint NOT NULL);
    CREATE TABLE ${SCHEMA}.rates (from_currency text NOT NULL, to_currency text NOT NULL, day date NOT NULL, rate numeric NOT NULL, PRIMARY KEY (from_currency, to_currency, day));
    CREATE TABLE ${SCHEMA}.usage (service_id text NOT NULL, consumer_id text NOT NULL, quantity bigint NOT NULL, posted_on date NOT NULL);
    CREATE TABLE ${SCHEMA}.work_logs (service_id text NOT NULL, minutes bigint NOT NULL, logged_on date NOT NULL);
    CREATE TABLE ${SCHEMA}.pool_shares (pool_id text NOT NULL, consumer_id text NOT NULL, ordinal int NOT NULL, basis_points bigint NOT NULL);
    CREATE TABLE ${SCHEMA}.cost_centers (cost_center_id text PRIMARY KEY, code text NOT NULL, currency text NOT NULL);`);
  const insert = async (table: string, columns: string[], types: string[], rows: unknown[][]) => {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const arrays = columns.map((_, column) => chunk.map((row) => row[column]));
      await db.query(`INSERT INTO ${SCHEMA}.${table} (${columns.join(', ')}) SELECT * FROM unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})`, arrays);
    }
  };
  await insert('cost_centers', ['cost_center_id', 'code', 'currency'], ['text', 'text', 'text'], costCenters.map((c) => [c.id, c.code, c.currency]));
  await insert('ledger_lines', ['target_kind', 'target_id', 'account', 'currency', 'posted_on', 'amount_cents'], ['text', 'text', 'text', 'text', 'date', 'bigint'],
    data.ledger.map((l) => [l.target.kind, l.target.id, l.account, l.currency, l.postedOn, l.cents.toString()]));
  await insert('rates', ['from_currency', 'to_currency', 'day', 'rate'], ['text', 'text', 'date', 'numeric'], data.rates.map((r) => [r.from, r.to, r.date, r.rate]));
  await insert('usage', ['service_id', 'consumer_id', 'quantity', 'posted_on'], ['text', 'text', 'bigint', 'date'], data.usage.map((u) => [u.serviceId, u.consumerCostCenterId, u.quantity, u.postedOn]));
  await insert('work_logs', ['service_id', 'minutes', 'logged_on'], ['text', 'bigint', 'date'], data.work.map((w) => [w.serviceId, w.minutes, w.loggedAt.slice(0, 10)]));
  await insert('pool_shares', ['pool_id', 'consumer_id', 'ordinal', 'basis_points'], ['text', 'text', 'int', 'bigint'],
    data.pools.flatMap((pool) => pool.shares.map((share, index) => [pool.id, share.consumerCostCenterId, index + 1, share.basisPoints])));
  await db.exec(`ANALYZE ${SCHEMA}.ledger_lines, ${SCHEMA}.rates, ${SCHEMA}.usage, ${SCHEMA}.work_logs, ${SCHEMA}.pool_shares`);
};

export const runBaseline = async (db: SqlExecutor): Promise<{ ms: number; totals: BaselineTotals }> => {
  const started = performance.now();
  const rows = await db.query<{ kind: string; id: string; cents: string }>(BASELINE_ALLOCATION_SQL);
  const ms = performance.now() - started;
  const totals: BaselineTotals = { consumers: new Map(), sources: new Map() };
  for (const row of rows) (row.kind === 'consumer' ? totals.consumers : totals.sources).set(row.id, BigInt(row.cents));
  return { ms, totals };
};
