import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { AllocationMethodV1, AllocationSourceV1 } from '@itsm/contracts';
import type { AllocationRuleState } from '@itsm/finance-domain';
import type { AllocationRuleView } from '../finance-read-models.port';

export class AllocationSourceResponse {
  @ApiProperty({ enum: ['pool', 'service'] })
  kind!: 'pool' | 'service';

  @ApiProperty({ format: 'uuid' })
  id!: string;
}

const METHOD_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: true,
  description:
    'One of { kind: "direct", consumerCostCenterId }, { kind: "equal", consumerCostCenterIds }, { kind: "percentage", shares: [{ consumerCostCenterId, percent: "60" }] }, ' +
    '{ kind: "usage-units", unit }, { kind: "weighted", weights: [{ consumerCostCenterId, weight: "3" }] }',
  example: { kind: 'percentage', shares: [{ consumerCostCenterId: '0190f3a4-1111-7222-8333-944445555666', percent: '100' }] },
};

export class AllocationRuleResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: AllocationSourceResponse })
  source!: AllocationSourceV1;

  @ApiProperty(METHOD_SCHEMA)
  method!: AllocationMethodV1;

  @ApiProperty({ enum: ['defined', 'retired'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  definedAt!: string;

  static of(rule: AllocationRuleState): AllocationRuleResponse {
    if (rule.status === 'initial') throw new Error('A rule that does not exist has no response');
    const { ruleId, name, source, method, status, definedAt } = rule;
    return { id: ruleId, name, source, method, status, definedAt };
  }
}

export class AllocationRuleListItem extends AllocationRuleResponse {
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revisedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  retiredAt!: string | null;

  @ApiProperty()
  revision!: number;

  static ofView(view: AllocationRuleView): AllocationRuleListItem {
    return { ...view };
  }
}

export class AllocationRulePageResponse {
  @ApiProperty({ type: [AllocationRuleListItem] })
  items!: AllocationRuleListItem[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
