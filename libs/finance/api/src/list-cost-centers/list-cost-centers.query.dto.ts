import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '@itsm/platform-kit';

export class ListCostCentersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the cost centers directly below this one; `none`: only those at the top of the hierarchy' })
  @IsOptional()
  @Matches(/^(none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: '$property must be a cost center id (a uuid) or none' })
  parentId?: string;

  @ApiPropertyOptional({ enum: ['opened', 'closed'] })
  @IsOptional()
  @IsIn(['opened', 'closed'])
  status?: 'opened' | 'closed';
}
