import { ApiProperty } from '@nestjs/swagger';
import type { RecordedUsageBatch } from '@itsm/finance-domain';

export class UsageRecordResponse {
  @ApiProperty({ format: 'uuid' })
  serviceId!: string;

  @ApiProperty({ format: 'uuid' })
  consumerCostCenterId!: string;

  @ApiProperty({ example: 'vm-hour' })
  unit!: string;

  @ApiProperty({ example: '12.5', description: 'A decimal string' })
  quantity!: string;

  @ApiProperty({ format: 'date' })
  postedOn!: string;

  @ApiProperty({ nullable: true, type: String })
  reference!: string | null;
}

/** A recorded usage batch (its id derives from the client's reference). */
export class UsageBatchResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  reference!: string;

  @ApiProperty({ type: [UsageRecordResponse] })
  records!: UsageRecordResponse[];

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  static of(batch: RecordedUsageBatch): UsageBatchResponse {
    return { id: batch.batchId, reference: batch.reference, records: batch.records, recordedAt: batch.recordedAt };
  }
}

export class UsageTotalResponse {
  @ApiProperty({ format: 'uuid' })
  serviceId!: string;

  @ApiProperty({ format: 'uuid' })
  consumerCostCenterId!: string;

  @ApiProperty()
  unit!: string;

  @ApiProperty({ example: '27.5', description: 'The sum over the period, a decimal string' })
  quantity!: string;

  @ApiProperty({ description: 'How many records the sum is of' })
  records!: number;
}

export class UsageTotalsResponse {
  @ApiProperty({ example: '2026-03' })
  period!: string;

  @ApiProperty({ type: [UsageTotalResponse] })
  items!: UsageTotalResponse[];
}
