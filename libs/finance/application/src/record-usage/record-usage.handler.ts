import { Inject, Injectable } from '@nestjs/common';
import { RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import type { RecordedUsageBatch, UsageRecordInput } from '@itsm/finance-domain';
import { FINANCE_CATALOG, FINANCE_DIRECTORY } from '../nest/finance-application.tokens';
import type { FinanceCatalog } from '../ports/finance-catalog.port';
import type { FinanceDirectory } from '../ports/finance-directory.port';
import { derivedId } from '../stream-ids';
import { UsageBatchStreams, type FinanceCommandResult } from '../streams/finance-streams';

export interface RecordUsageInput {
  /** The client's reference of the batch: the same reference again records nothing (its stream id derives from it). */
  reference: string;
  records: UsageRecordInput[];
}

export interface RecordUsageResult extends FinanceCommandResult<RecordedUsageBatch> {
  /** True when the reference was already recorded with these records: nothing new. */
  replayed: boolean;
}

/** The stream id of a usage batch: derived from the client's reference, so one reference is one batch. */
export const usageBatchIdOf = (reference: string): string => derivedId('usage-batch', reference.trim());

/**
 * Records a batch of metered usage (per service, consumer cost center and unit, with a posting day) under the
 * client's reference. Which services finance knows comes from its copy of the catalog, which cost centers are open
 * from the directory; the decider refuses the others.
 */
@Injectable()
export class RecordUsageHandler {
  constructor(
    private readonly streams: UsageBatchStreams,
    @Inject(FINANCE_CATALOG) private readonly catalog: FinanceCatalog,
    @Inject(FINANCE_DIRECTORY) private readonly directory: FinanceDirectory,
  ) {}

  async execute(input: RecordUsageInput, metadata: EventMetadata): Promise<RecordUsageResult> {
    if (typeof input.reference !== 'string' || input.reference.trim() === '') throw new RuleViolation('The reference must not be blank');
    const records = (input.records ?? []).map((record) => ({
      ...record,
      serviceId: typeof record.serviceId === 'string' ? record.serviceId.toLowerCase() : record.serviceId,
      consumerCostCenterId: typeof record.consumerCostCenterId === 'string' ? record.consumerCostCenterId.toLowerCase() : record.consumerCostCenterId,
    }));
    await this.directory.catchUp();
    const [services, centers] = await Promise.all([
      this.catalog.services(records.map((record) => record.serviceId)),
      this.directory.costCenters(records.map((record) => record.consumerCostCenterId)),
    ]);
    const result = await this.streams.execute(
      usageBatchIdOf(input.reference),
      {
        type: 'RecordUsage',
        data: {
          batchId: usageBatchIdOf(input.reference),
          reference: input.reference,
          records,
          knownServiceIds: services.map((service) => service.serviceId),
          openCostCenterIds: centers.filter((center) => center.status === 'opened').map((center) => center.id),
        },
      },
      metadata,
    );
    return { ...result, state: result.state as RecordedUsageBatch, replayed: result.events.length === 0 };
  }
}
