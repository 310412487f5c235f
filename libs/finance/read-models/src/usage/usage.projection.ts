import { financeEntityIdOf, USAGE_EVENT_TYPES, type UsageRecordedV1 } from '@itsm/contracts';
import { defineProjection, type TableNames } from '@itsm/projections';

export type UsageTable = 'finance_usage_records' | 'finance_usage_totals';
export type UsageTables = TableNames<UsageTable>;

/**
 * Metered usage: every record (kept with its batch and reference, by posting day) and the totals per month, service,
 * consumer cost center and unit that a period close and the usage list read. Totals are sums, which commute, so any
 * interleaving of batches (Kafka) gives the same totals; a batch is applied once (the runtime's checkpoints).
 */
export const usageProjection = defineProjection<UsageTable>({
  name: 'finance_usage',
  eventTypes: USAGE_EVENT_TYPES,
  tables: ['finance_usage_records', 'finance_usage_totals'],
  createTables: (t) => `
    CREATE TABLE ${t.finance_usage_records} (
      batch_id uuid NOT NULL,
      record_index integer NOT NULL,
      batch_reference text NOT NULL,
      reference text,
      service_id text NOT NULL,
      consumer_cost_center_id text NOT NULL,
      unit text NOT NULL,
      quantity numeric NOT NULL,
      posted_on date NOT NULL,
      month text NOT NULL,
      PRIMARY KEY (batch_id, record_index)
    );
    CREATE INDEX ON ${t.finance_usage_records} (month, service_id, consumer_cost_center_id);
    CREATE INDEX ON ${t.finance_usage_records} (posted_on);
    CREATE TABLE ${t.finance_usage_totals} (
      month text NOT NULL,
      service_id text NOT NULL,
      consumer_cost_center_id text NOT NULL,
      unit text NOT NULL,
      quantity numeric NOT NULL,
      records integer NOT NULL,
      PRIMARY KEY (month, service_id, consumer_cost_center_id, unit)
    );
    CREATE INDEX ON ${t.finance_usage_totals} (month, consumer_cost_center_id);`,
  apply: async (tx, event, t) => {
    if (event.type !== 'UsageRecorded') return;
    const batchId = financeEntityIdOf(event.streamId);
    const { reference, records } = event.data as UsageRecordedV1;
    const column = <T>(pick: (record: UsageRecordedV1['records'][number], index: number) => T) => records.map(pick);
    await tx.query(
      `INSERT INTO ${t.finance_usage_records} (batch_id, record_index, batch_reference, reference, service_id, consumer_cost_center_id, unit, quantity, posted_on, month)
       SELECT $1::uuid, r.idx, $2, r.ref, r.service, r.consumer, r.unit, r.quantity, r.posted_on, to_char(r.posted_on, 'YYYY-MM')
       FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::date[]) AS r(idx, ref, service, consumer, unit, quantity, posted_on)
       ON CONFLICT DO NOTHING`,
      [
        batchId,
        reference,
        column((_, index) => index),
        column((r) => r.reference),
        column((r) => r.serviceId),
        column((r) => r.consumerCostCenterId),
        column((r) => r.unit),
        column((r) => r.quantity),
        column((r) => r.postedOn),
      ],
    );
    await tx.query(
      `INSERT INTO ${t.finance_usage_totals} AS total (month, service_id, consumer_cost_center_id, unit, quantity, records)
       SELECT to_char(r.posted_on, 'YYYY-MM'), r.service, r.consumer, r.unit, sum(r.quantity), count(*)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::date[]) AS r(service, consumer, unit, quantity, posted_on)
       GROUP BY 1, 2, 3, 4
       ON CONFLICT (month, service_id, consumer_cost_center_id, unit)
       DO UPDATE SET quantity = total.quantity + excluded.quantity, records = total.records + excluded.records`,
      [column((r) => r.serviceId), column((r) => r.consumerCostCenterId), column((r) => r.unit), column((r) => r.quantity), column((r) => r.postedOn)],
    );
  },
});
