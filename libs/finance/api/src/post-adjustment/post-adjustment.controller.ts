import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { PostAdjustmentHandler } from '@itsm/finance-application';
import { announceWrite, IsName, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FINANCE_ROUTE, FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCreate } from '../shared/finance-endpoint.decorators';
import { IsMoney, MoneyDto } from '../shared/money.dto';
import { PeriodAdjustmentResponse } from '../shared/responses/period.response';

export class PostAdjustmentRequest {
  @ApiProperty({ example: '2026-03.0190f3a4-1111-7222-8333-944445555666', description: 'The statement of a closed period it corrects' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])\.[0-9a-fA-F-]{36}$/, { message: 'statementId must be a statement id (2026-03.<cost center id>)' })
  statementId!: string;

  @ApiPropertyOptional({ example: '3', description: 'The line it corrects' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  lineId?: string;

  @ApiProperty({ type: MoneyDto, description: 'In the reporting currency; negative takes from the cost center' })
  @IsMoney()
  amount!: MoneyDto;

  @ApiProperty({ maxLength: 160 })
  @IsName(160)
  reason!: string;
}

export class AdjustmentResponse extends PeriodAdjustmentResponse {
  @ApiProperty({ example: '2026-04', description: 'The open period it landed in' })
  period!: string;
}

@FinanceController('adjustments')
export class PostAdjustmentController {
  constructor(private readonly handler: PostAdjustmentHandler) {}

  @Post()
  @FinanceCreate(404)
  @ApiOperation({
    summary: 'Correct a closed period’s statement (line) by an adjustment in the next open period',
    description: 'The adjustment lands in the first period after the corrected one that is neither published nor closed, on the same cost center; its next run shows it as a line naming what it corrects.',
  })
  @ApiCreatedResponse({ type: AdjustmentResponse })
  async post(@Body() body: PostAdjustmentRequest, @RequestMetadata() metadata: EventMetadata, @Res({ passthrough: true }) response: Response): Promise<WithETag<AdjustmentResponse>> {
    const result = await this.handler.execute({ statementId: body.statementId, lineId: body.lineId ?? null, amount: body.amount, reason: body.reason }, metadata);
    announceWrite(response, result.events, `/${FINANCE_ROUTE}/periods/${result.id}`);
    const posted = result.state.adjustments.find((adjustment) => adjustment.adjustmentId === result.adjustmentId);
    if (posted === undefined) throw new Error(`Adjustment ${result.adjustmentId} is not on period ${result.id}`);
    return withETag(posted, result.revision);
  }
}
