import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { FINANCE_READ_MODELS, type FinanceReadModelsPort } from '../shared/finance-read-models.port';
import { IsPeriod } from '../shared/period.query';
import { UsageTotalsResponse } from '../shared/responses/usage.response';

export class ListUsageQuery {
  @ApiProperty({ example: '2026-03', description: 'A month or a quarter' })
  @IsPeriod()
  period!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  serviceId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  consumerCostCenterId?: string;

  @ApiPropertyOptional({ example: 'vm-hour' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: '$property must be a usage unit' })
  unit?: string;
}

@FinanceController('usage')
export class ListUsageController {
  constructor(
    @Inject(FINANCE_READ_MODELS) private readonly readModels: FinanceReadModelsPort,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({ summary: 'Usage totals of a period', description: 'Per service, consumer cost center and unit (sums of the metered records of the period’s months).' })
  @ApiOkResponse({ type: UsageTotalsResponse })
  async list(@Query() query: ListUsageQuery, @WaitForPosition() position: number | undefined): Promise<UsageTotalsResponse> {
    await this.consistency.readAfter(position);
    const items = await this.readModels.usage.totals({
      period: query.period,
      serviceId: query.serviceId?.toLowerCase(),
      consumerCostCenterId: query.consumerCostCenterId?.toLowerCase(),
      unit: query.unit,
    });
    return { period: query.period, items };
  }
}
