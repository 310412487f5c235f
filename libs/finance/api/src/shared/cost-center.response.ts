import { ApiProperty } from '@nestjs/swagger';
import type { OpenedCostCenter } from '@itsm/finance-domain';

/** A cost center as the API shows it (its ETag is the stream revision). */
export class CostCenterResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['opened'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  static of(costCenter: OpenedCostCenter): CostCenterResponse {
    const { costCenterId, name, status, openedAt } = costCenter;
    return { id: costCenterId, name, status, openedAt };
  }
}
