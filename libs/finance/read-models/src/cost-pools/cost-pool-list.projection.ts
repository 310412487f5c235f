import { COST_POOL_EVENT_TYPES, financeEntityIdOf, type CostPoolOpenedV1, type CostPoolRenamedV1 } from '@itsm/contracts';
import { defineProjection, type TableNames } from '@itsm/projections';

export type CostPoolListTables = TableNames<'finance_cost_pools'>;

/** One row per cost pool stream. */
export const costPoolListProjection = defineProjection<'finance_cost_pools'>({
  name: 'finance_cost_pools',
  eventTypes: COST_POOL_EVENT_TYPES,
  tables: ['finance_cost_pools'],
  createTables: (t) => `
    CREATE TABLE ${t.finance_cost_pools} (
      cost_pool_id uuid PRIMARY KEY,
      name text NOT NULL,
      currency text NOT NULL,
      owner_cost_center_id uuid NOT NULL,
      status text NOT NULL,
      opened_at timestamptz NOT NULL,
      revision integer NOT NULL
    );
    CREATE INDEX ON ${t.finance_cost_pools} (name, cost_pool_id);
    CREATE INDEX ON ${t.finance_cost_pools} (owner_cost_center_id);`,
  apply: async (tx, event, t) => {
    const id = financeEntityIdOf(event.streamId);
    const update = (assignments: string, ...values: unknown[]) =>
      tx.query(`UPDATE ${t.finance_cost_pools} SET ${assignments}, revision = $2 WHERE cost_pool_id = $1 AND revision < $2`, [id, event.streamRevision, ...values]);
    switch (event.type) {
      case 'CostPoolOpened': {
        const data = event.data as CostPoolOpenedV1;
        await tx.query(
          `INSERT INTO ${t.finance_cost_pools} (cost_pool_id, name, currency, owner_cost_center_id, status, opened_at, revision)
           VALUES ($1, $2, $3, $4, 'opened', $5, $6) ON CONFLICT (cost_pool_id) DO NOTHING`,
          [id, data.name, data.currency, data.ownerCostCenterId, data.openedAt, event.streamRevision],
        );
        return;
      }
      case 'CostPoolRenamed':
        await update('name = $3', (event.data as CostPoolRenamedV1).name);
        return;
      case 'CostPoolClosed':
        await update(`status = 'closed'`);
        return;
    }
  },
});
