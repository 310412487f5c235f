import type {
  AllocationRuleDefinedV1,
  BudgetPlannedV1,
  CostCenterMovedV1,
  CostCenterOpenedV1,
  CostPoolOpenedV1,
  LedgerImportedV1,
} from '@itsm/contracts';
import { financeEntityIdOf } from '@itsm/contracts';
import { DEFAULT_READ_MODEL_LOCATION, defineProjection, type TableNames } from '@itsm/projections';

export type FinanceDirectoryTable =
  | 'finance_directory_cost_centers'
  | 'finance_directory_cost_pools'
  | 'finance_directory_budgets'
  | 'finance_directory_allocation_rules'
  | 'finance_directory_ledger_imports';
export type FinanceDirectoryTables = TableNames<FinanceDirectoryTable>;

export const FINANCE_DIRECTORY_PROJECTION = 'finance_directory';
/** Schema of the directory: the projection runtime's default, where every finance host runs it. */
export const FINANCE_DIRECTORY_SCHEMA = DEFAULT_READ_MODEL_LOCATION.schema;

/**
 * Finance's directory for its rules across aggregates (`FinanceDirectory` port): cost centers (code, parent,
 * currency, status), cost pools, which budget a cost center has per period, which allocation rule is live per
 * source, which file each ledger import holds. Every row is written from its own stream's events, so any
 * interleaving of streams (Kafka) gives the same rows. No unique constraint: uniqueness is the handlers' rule,
 * checked inside exclusive sections; a constraint here could only stop the projection.
 */
export const financeDirectoryProjection = defineProjection<FinanceDirectoryTable>({
  name: FINANCE_DIRECTORY_PROJECTION,
  eventTypes: ['CostCenterOpened', 'CostCenterMoved', 'CostCenterClosed', 'CostPoolOpened', 'CostPoolClosed', 'BudgetPlanned', 'AllocationRuleDefined', 'AllocationRuleRetired', 'LedgerImported'],
  tables: ['finance_directory_cost_centers', 'finance_directory_cost_pools', 'finance_directory_budgets', 'finance_directory_allocation_rules', 'finance_directory_ledger_imports'],
  createTables: (t) => `
    CREATE TABLE ${t.finance_directory_cost_centers} (
      cost_center_id text PRIMARY KEY,
      code text NOT NULL,
      currency text NOT NULL,
      parent_id text,
      status text NOT NULL
    );
    CREATE INDEX ON ${t.finance_directory_cost_centers} (code);
    CREATE TABLE ${t.finance_directory_cost_pools} (
      cost_pool_id text PRIMARY KEY,
      currency text NOT NULL,
      status text NOT NULL
    );
    CREATE TABLE ${t.finance_directory_budgets} (
      budget_id text PRIMARY KEY,
      cost_center_id text NOT NULL,
      period text NOT NULL
    );
    CREATE INDEX ON ${t.finance_directory_budgets} (cost_center_id, period);
    CREATE TABLE ${t.finance_directory_allocation_rules} (
      rule_id text PRIMARY KEY,
      source_kind text NOT NULL,
      source_id text NOT NULL,
      retired boolean NOT NULL
    );
    CREATE INDEX ON ${t.finance_directory_allocation_rules} (source_kind, source_id) WHERE NOT retired;
    CREATE TABLE ${t.finance_directory_ledger_imports} (
      import_id text PRIMARY KEY,
      content_sha256 text NOT NULL
    );
    CREATE INDEX ON ${t.finance_directory_ledger_imports} (content_sha256);`,
  apply: async (tx, event, t) => {
    const id = financeEntityIdOf(event.streamId);
    switch (event.type) {
      case 'CostCenterOpened': {
        const { code, currency, parentId } = event.data as CostCenterOpenedV1;
        await tx.query(
          `INSERT INTO ${t.finance_directory_cost_centers} (cost_center_id, code, currency, parent_id, status) VALUES ($1, $2, $3, $4, 'opened')
           ON CONFLICT (cost_center_id) DO NOTHING`,
          [id, code, currency, parentId],
        );
        return;
      }
      case 'CostCenterMoved':
        await tx.query(`UPDATE ${t.finance_directory_cost_centers} SET parent_id = $2 WHERE cost_center_id = $1`, [id, (event.data as CostCenterMovedV1).parentId]);
        return;
      case 'CostCenterClosed':
        await tx.query(`UPDATE ${t.finance_directory_cost_centers} SET status = 'closed' WHERE cost_center_id = $1`, [id]);
        return;
      case 'CostPoolOpened':
        await tx.query(
          `INSERT INTO ${t.finance_directory_cost_pools} (cost_pool_id, currency, status) VALUES ($1, $2, 'opened') ON CONFLICT (cost_pool_id) DO NOTHING`,
          [id, (event.data as CostPoolOpenedV1).currency],
        );
        return;
      case 'CostPoolClosed':
        await tx.query(`UPDATE ${t.finance_directory_cost_pools} SET status = 'closed' WHERE cost_pool_id = $1`, [id]);
        return;
      case 'BudgetPlanned': {
        const { costCenterId, period } = event.data as BudgetPlannedV1;
        await tx.query(
          `INSERT INTO ${t.finance_directory_budgets} (budget_id, cost_center_id, period) VALUES ($1, $2, $3) ON CONFLICT (budget_id) DO NOTHING`,
          [id, costCenterId, period],
        );
        return;
      }
      case 'AllocationRuleDefined': {
        const { source } = event.data as AllocationRuleDefinedV1;
        await tx.query(
          `INSERT INTO ${t.finance_directory_allocation_rules} (rule_id, source_kind, source_id, retired) VALUES ($1, $2, $3, false)
           ON CONFLICT (rule_id) DO NOTHING`,
          [id, source.kind, source.id],
        );
        return;
      }
      case 'AllocationRuleRetired':
        await tx.query(`UPDATE ${t.finance_directory_allocation_rules} SET retired = true WHERE rule_id = $1`, [id]);
        return;
      case 'LedgerImported':
        await tx.query(
          `INSERT INTO ${t.finance_directory_ledger_imports} (import_id, content_sha256) VALUES ($1, $2) ON CONFLICT (import_id) DO NOTHING`,
          [id, (event.data as LedgerImportedV1).contentSha256],
        );
        return;
      default:
        return;
    }
  },
});
