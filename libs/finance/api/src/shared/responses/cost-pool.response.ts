import { ApiProperty } from '@nestjs/swagger';
import type { CostPool } from '@itsm/finance-domain';
import type { CostPoolView } from '../finance-read-models.port';

export class CostPoolResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ format: 'uuid' })
  ownerCostCenterId!: string;

  @ApiProperty({ enum: ['opened', 'closed'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  static of(pool: CostPool): CostPoolResponse {
    if (pool.status === 'initial') throw new Error('A cost pool that does not exist has no response');
    const { costPoolId, name, currency, ownerCostCenterId, status, openedAt } = pool;
    return { id: costPoolId, name, currency, ownerCostCenterId, status, openedAt };
  }
}

export class CostPoolListItem extends CostPoolResponse {
  @ApiProperty()
  revision!: number;

  static ofView(view: CostPoolView): CostPoolListItem {
    return { ...view };
  }
}

export class CostPoolPageResponse {
  @ApiProperty({ type: [CostPoolListItem] })
  items!: CostPoolListItem[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
