import {
  financeEntityIdOf,
  type AllocationRuleEvent,
  type CostCenterOpenedV1,
  type ExchangeRateSetV1,
  type LedgerImportedV1,
  type PeriodUsageInputV1,
  type UsageRecordedV1,
} from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { allocationRuleDecider, sha256OfLines, type AllocationRuleState, type ExchangeRate, type UsageRecord } from '@itsm/finance-domain';

/** The finance event types a period reads from the log (besides the ledger imports' lines, read per import). */
export const PERIOD_SOURCE_TYPES = ['CostCenterOpened', 'AllocationRuleDefined', 'AllocationRuleRevised', 'AllocationRuleRetired', 'ExchangeRateSet', 'LedgerImported', 'UsageRecorded'];

const usageRecordText = (index: number, record: UsageRecordedV1['records'][number]) =>
  `${index}|${record.postedOn}|${record.serviceId}|${record.consumerCostCenterId}|${record.unit}|${record.quantity}`;

export interface PeriodCostCenter {
  costCenterId: string;
  code: string;
  currency: string;
  revision: number;
}

/**
 * What a period takes from the log's finance events up to a position (`position`, -1: none read yet): cost centers,
 * the allocation rules as they stand (each with its stream revision), the exchange rates, the ledger imports' headers,
 * and the usage metered in the period (each batch's records hashed). The log is append-only, so these inputs up to a
 * later position are these plus what `take` makes of the events after it.
 */
export class PeriodLogInputs {
  readonly costCenters = new Map<string, PeriodCostCenter>();
  readonly rules = new Map<string, { state: AllocationRuleState; revision: number }>();
  readonly rates: ExchangeRate[] = [];
  readonly imports: { importId: string; data: LedgerImportedV1 }[] = [];
  readonly usage: UsageRecord[] = [];
  readonly usageBatches: PeriodUsageInputV1[] = [];

  constructor(
    readonly start: string,
    readonly end: string,
    public position = -1,
  ) {}

  /** A copy to read on: the next events go to it, not to this one (which a host may keep). */
  copy(): PeriodLogInputs {
    const copy = new PeriodLogInputs(this.start, this.end, this.position);
    for (const [id, center] of this.costCenters) copy.costCenters.set(id, center);
    for (const [id, rule] of this.rules) copy.rules.set(id, rule);
    copy.rates.push(...this.rates);
    copy.imports.push(...this.imports);
    for (const record of this.usage) copy.usage.push(record);
    copy.usageBatches.push(...this.usageBatches);
    return copy;
  }

  /** One event of the log (upcast), in log order. */
  take(event: RecordedEvent): void {
    switch (event.type) {
      case 'CostCenterOpened': {
        const data = event.data as CostCenterOpenedV1;
        this.costCenters.set(data.costCenterId, { costCenterId: data.costCenterId, code: data.code, currency: data.currency, revision: event.streamRevision });
        return;
      }
      case 'AllocationRuleDefined':
      case 'AllocationRuleRevised':
      case 'AllocationRuleRetired': {
        const ruleId = financeEntityIdOf(event.streamId);
        const known = this.rules.get(ruleId) ?? { state: allocationRuleDecider.initialState(), revision: -1 };
        this.rules.set(ruleId, { state: allocationRuleDecider.evolve(known.state, event as unknown as AllocationRuleEvent), revision: event.streamRevision });
        return;
      }
      case 'ExchangeRateSet': {
        const { from, to, date, rate } = event.data as ExchangeRateSetV1;
        this.rates.push({ from, to, date, rate });
        return;
      }
      case 'LedgerImported':
        this.imports.push({ importId: financeEntityIdOf(event.streamId), data: event.data as LedgerImportedV1 });
        return;
      case 'UsageRecorded': {
        const data = event.data as UsageRecordedV1;
        const texts: string[] = [];
        data.records.forEach((record, index) => {
          if (record.postedOn < this.start || record.postedOn > this.end) return;
          this.usage.push({ source: { kind: 'service', id: record.serviceId }, consumerCostCenterId: record.consumerCostCenterId, unit: record.unit, quantity: record.quantity });
          texts.push(usageRecordText(index, record));
        });
        if (texts.length > 0) this.usageBatches.push({ batchId: financeEntityIdOf(event.streamId), revision: event.streamRevision, recordCount: texts.length, recordsSha256: sha256OfLines(texts) });
        return;
      }
    }
  }
}
