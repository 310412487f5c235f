import { ApiProperty } from '@nestjs/swagger';
import type { CostCenter } from '@itsm/finance-domain';
import type { CostCenterView } from '../finance-read-models.port';

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

  @ApiProperty({ enum: ['opened', 'closed'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  closedAt!: string | null;

  static of(costCenter: CostCenter): CostCenterResponse {
    if (costCenter.status === 'initial') throw new Error('A cost center that does not exist has no response');
    const { costCenterId, code, name, currency, parentId, status, openedAt } = costCenter;
    return { id: costCenterId, code, name, currency, parentId, status, openedAt, closedAt: costCenter.status === 'closed' ? costCenter.closedAt : null };
  }
}

/** A cost center in a list: with its revision and how many sit directly below it. */
export class CostCenterListItem extends CostCenterResponse {
  @ApiProperty()
  childCount!: number;

  @ApiProperty({ description: 'The stream revision the row reflects (the ETag of GET /cost-centers/:id)' })
  revision!: number;

  static ofView(view: CostCenterView): CostCenterListItem {
    return { ...view };
  }
}

export class CostCenterPageResponse {
  @ApiProperty({ type: [CostCenterListItem] })
  items!: CostCenterListItem[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
