import { ApiProperty } from '@nestjs/swagger';
import type { OpenedCostCenter } from '@itsm/finance-domain';

/** A cost center as the API shows it (its ETag is the stream revision). */
export class CostCenterResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'IT-OPS' })
  code!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId!: string | null;

  @ApiProperty({ enum: ['opened'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  static of(costCenter: OpenedCostCenter): CostCenterResponse {
    const { costCenterId, code, name, currency, parentId, status, openedAt } = costCenter;
    return { id: costCenterId, code, name, currency, parentId, status, openedAt };
  }
}
