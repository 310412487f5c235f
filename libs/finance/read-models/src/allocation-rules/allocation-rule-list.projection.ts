import { ALLOCATION_RULE_EVENT_TYPES, financeEntityIdOf, type AllocationRuleDefinedV1, type AllocationRuleRetiredV1, type AllocationRuleRevisedV1 } from '@itsm/contracts';
import { defineProjection, type TableNames } from '@itsm/projections';

export type AllocationRuleListTables = TableNames<'finance_allocation_rules'>;

/** One row per allocation rule stream: its source, current method and status. */
export const allocationRuleListProjection = defineProjection<'finance_allocation_rules'>({
  name: 'finance_allocation_rules',
  eventTypes: ALLOCATION_RULE_EVENT_TYPES,
  tables: ['finance_allocation_rules'],
  createTables: (t) => `
    CREATE TABLE ${t.finance_allocation_rules} (
      rule_id uuid PRIMARY KEY,
      name text NOT NULL,
      source_kind text NOT NULL,
      source_id text NOT NULL,
      method jsonb NOT NULL,
      status text NOT NULL,
      defined_at timestamptz NOT NULL,
      revised_at timestamptz,
      retired_at timestamptz,
      revision integer NOT NULL
    );
    CREATE INDEX ON ${t.finance_allocation_rules} (source_kind, source_id, rule_id);
    CREATE INDEX ON ${t.finance_allocation_rules} (defined_at, rule_id);`,
  apply: async (tx, event, t) => {
    const id = financeEntityIdOf(event.streamId);
    const update = (assignments: string, ...values: unknown[]) =>
      tx.query(`UPDATE ${t.finance_allocation_rules} SET ${assignments}, revision = $2 WHERE rule_id = $1 AND revision < $2`, [id, event.streamRevision, ...values]);
    switch (event.type) {
      case 'AllocationRuleDefined': {
        const data = event.data as AllocationRuleDefinedV1;
        await tx.query(
          `INSERT INTO ${t.finance_allocation_rules} (rule_id, name, source_kind, source_id, method, status, defined_at, revision)
           VALUES ($1, $2, $3, $4, $5, 'defined', $6, $7) ON CONFLICT (rule_id) DO NOTHING`,
          [id, data.name, data.source.kind, data.source.id, JSON.stringify(data.method), data.definedAt, event.streamRevision],
        );
        return;
      }
      case 'AllocationRuleRevised': {
        const data = event.data as AllocationRuleRevisedV1;
        await update('method = $3, revised_at = $4', JSON.stringify(data.method), data.revisedAt);
        return;
      }
      case 'AllocationRuleRetired':
        await update(`status = 'retired', retired_at = $3`, (event.data as AllocationRuleRetiredV1).retiredAt);
        return;
    }
  },
});
