import { Readable } from 'node:stream';
import { Get, Headers, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { FinanceNotFound, PeriodStreams } from '@itsm/finance-application';
import { parseStatementId } from '@itsm/finance-domain';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { StatementResponse } from '../shared/responses/period.response';
import { statementCsvRows } from './statement-csv';

export class StatementIdParams {
  @ApiProperty({ example: '2026-03.0190f3a4-1111-7222-8333-944445555666', description: 'The period and the cost center id' })
  @IsString()
  @MaxLength(80)
  id!: string;
}

export class StatementFormatQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Or `Accept: text/csv`' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

@FinanceController('statements')
export class GetStatementController {
  constructor(private readonly periods: PeriodStreams) {}

  @Get(':id')
  @FinanceRead(404)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'A published statement with its lines, in JSON or CSV',
    description: 'Each line says where it comes from (ledger account, pool or service with the rule and its revision, credit with the incident and breach event, adjustment) in both currencies. ETag and X-Content-Hash: the statement’s content hash. `?format=csv` or `Accept: text/csv` streams a CSV.',
  })
  @ApiOkResponse({ type: StatementResponse })
  async get(
    @Param() { id }: StatementIdParams,
    @Query() query: StatementFormatQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StatementResponse | StreamableFile> {
    const parsed = parseStatementId(id);
    if (parsed === null) throw new FinanceNotFound('statement', id);
    const { state } = await this.periods.load(parsed.period);
    const statement = state.statements.find((candidate) => candidate.statementId === `${parsed.period}.${parsed.costCenterId}`);
    if (statement === undefined) throw new FinanceNotFound('statement', id);
    response.setHeader('ETag', `"${statement.contentHash}"`);
    response.setHeader('X-Content-Hash', statement.contentHash);
    const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/.test(accept ?? ''));
    if (!csv) return StatementResponse.of(statement);
    return new StreamableFile(Readable.from(statementCsvRows(statement)), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="statement-${statement.statementId}.csv"` });
  }
}
