import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsUUID, ValidateNested } from 'class-validator';
import type { AllocationMethodV1 } from '@itsm/contracts';
import { NAME_MAX_LENGTH } from '@itsm/finance-domain';
import { IsName } from '@itsm/platform-kit';
import { IsAllocationMethod } from '../shared/allocation-method.validator';

export class AllocationSourceDto {
  @ApiProperty({ enum: ['pool', 'service'], description: 'The costs of a cost pool, or of a catalog service' })
  @IsIn(['pool', 'service'])
  kind!: 'pool' | 'service';

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;
}

export const ALLOCATION_METHOD_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: true,
  description:
    'One of { kind: "direct", consumerCostCenterId }, { kind: "equal", consumerCostCenterIds: [...] }, ' +
    '{ kind: "percentage", shares: [{ consumerCostCenterId, percent: "60" }] } (adding up to exactly 100), { kind: "usage-units", unit: "vm-hour" }, ' +
    '{ kind: "weighted", weights: [{ consumerCostCenterId, weight: "3" }] }. Percentages and weights are decimal strings.',
  example: { kind: 'percentage', shares: [{ consumerCostCenterId: '0190f3a4-1111-7222-8333-944445555666', percent: '100' }] },
};

export class DefineAllocationRuleRequest {
  @ApiProperty({ example: 'Hosting by head count', maxLength: NAME_MAX_LENGTH })
  @IsName(NAME_MAX_LENGTH)
  name!: string;

  @ApiProperty({ type: AllocationSourceDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AllocationSourceDto)
  source!: AllocationSourceDto;

  @ApiProperty(ALLOCATION_METHOD_SCHEMA)
  @IsAllocationMethod()
  method!: AllocationMethodV1;
}
