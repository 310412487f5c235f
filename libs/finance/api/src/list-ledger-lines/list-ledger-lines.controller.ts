import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery, WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { FINANCE_READ_MODELS, type FinanceReadModelsPort } from '../shared/finance-read-models.port';
import { IsPeriod } from '../shared/period.query';
import { LedgerLinePageResponse, LedgerLineResponse } from '../shared/responses/ledger.response';

export class ListLedgerLinesQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-03', description: 'A month or a quarter (by booking day)' })
  @IsOptional()
  @IsPeriod()
  period?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  costPoolId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  costCenterId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  importId?: string;
}

@FinanceController('ledger-lines')
export class ListLedgerLinesController {
  constructor(
    @Inject(FINANCE_READ_MODELS) private readonly readModels: FinanceReadModelsPort,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({ summary: 'List imported ledger lines', description: 'By booking day, import and line; per period, cost pool, cost center or import; each with its source reference.' })
  @ApiOkResponse({ type: LedgerLinePageResponse })
  async list(@Query() query: ListLedgerLinesQuery, @WaitForPosition() position: number | undefined): Promise<LedgerLinePageResponse> {
    await this.consistency.readAfter(position);
    const page = await this.readModels.ledger.lines({
      period: query.period,
      costPoolId: query.costPoolId?.toLowerCase(),
      costCenterId: query.costCenterId?.toLowerCase(),
      importId: query.importId?.toLowerCase(),
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(LedgerLineResponse.ofView), nextCursor: page.nextCursor };
  }
}
