import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { FinanceNotFound, PeriodStreams } from '@itsm/finance-application';
import { PageQuery } from '@itsm/platform-kit';
import { decodeCursor, encodeCursor, InvalidCursor } from '@itsm/projections';
import type { PeriodState } from '@itsm/finance-domain';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { PeriodParams } from '../shared/period.params';
import { MoneyResponse } from '../shared/responses/money.response';

export class ListStatementsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  costCenterId?: string;

  @ApiPropertyOptional({ enum: ['showback', 'chargeback'] })
  @IsOptional()
  @IsIn(['showback', 'chargeback'])
  mode?: 'showback' | 'chargeback';
}

export class ListStatementsByPeriodQuery extends ListStatementsQuery {
  @ApiProperty({ example: '2026-03' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month (2026-03)' })
  period!: string;
}

export class StatementSummaryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ format: 'uuid' }) costCenterId!: string;
  @ApiProperty() costCenterCode!: string;
  @ApiProperty({ enum: ['showback', 'chargeback'] }) mode!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: MoneyResponse }) total!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse }) reportingTotal!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, nullable: true }) amountDue!: MoneyResponse | null;
  @ApiProperty() lineCount!: number;
  @ApiProperty() contentHash!: string;
}

export class StatementSummaryPageResponse {
  @ApiProperty({ type: [StatementSummaryResponse] }) items!: StatementSummaryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

const isKey = (value: unknown): value is { costCenterId: string } =>
  typeof value === 'object' && value !== null && typeof (value as { costCenterId?: unknown }).costCenterId === 'string' && Object.keys(value).length === 1;

/** A page of a period's published statements, by cost center id. */
const pageOf = (state: PeriodState, query: ListStatementsQuery): StatementSummaryPageResponse => {
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, isKey).costCenterId;
  if (after !== null && !/^[0-9a-f-]{36}$/.test(after)) throw new InvalidCursor();
  const limit = query.limit ?? 20;
  const matching = state.statements
    .filter((statement) => query.costCenterId === undefined || statement.costCenterId === query.costCenterId.toLowerCase())
    .filter((statement) => query.mode === undefined || statement.mode === query.mode)
    .filter((statement) => after === null || statement.costCenterId > after);
  const page = matching.slice(0, limit);
  return {
    items: page.map(({ statementId, period: of, costCenterId, costCenterCode, mode, currency, total, reportingTotal, amountDue, lines, contentHash }) => ({
      id: statementId, period: of, costCenterId, costCenterCode, mode, currency, total, reportingTotal, amountDue, lineCount: lines.length, contentHash,
    })),
    nextCursor: matching.length > limit ? encodeCursor({ costCenterId: page[page.length - 1].costCenterId }) : null,
  };
};

@FinanceController('periods')
export class ListStatementsController {
  constructor(private readonly periods: PeriodStreams) {}

  @Get(':period/statements')
  @FinanceRead(404)
  @ApiOperation({ summary: 'The published statements of a period', description: 'By cost center id; `?costCenterId=&mode=`; cursor pages. Each with its totals and content hash (the lines: GET /finance/statements/:id).' })
  @ApiOkResponse({ type: StatementSummaryPageResponse })
  async list(@Param() { period }: PeriodParams, @Query() query: ListStatementsQuery): Promise<StatementSummaryPageResponse> {
    const { state, revision } = await this.periods.load(period);
    if (revision < 0) throw new FinanceNotFound('period', period);
    return pageOf(state, query);
  }
}

/** The same list as DESIGN §7 names it: `GET /finance/statements?period=&costCenterId=&mode=`. */
@FinanceController('statements')
export class ListStatementsByPeriodController {
  constructor(private readonly periods: PeriodStreams) {}

  @Get()
  @FinanceRead()
  @ApiOperation({ summary: 'The published statements of a period (?period= required)', description: 'As GET /finance/periods/:period/statements; a period with none answers an empty page.' })
  @ApiOkResponse({ type: StatementSummaryPageResponse })
  async list(@Query() query: ListStatementsByPeriodQuery): Promise<StatementSummaryPageResponse> {
    const { state } = await this.periods.load(query.period);
    return pageOf(state, query);
  }
}
