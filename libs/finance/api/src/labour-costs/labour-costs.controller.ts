import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { LabourCostsQuery } from '@itsm/finance-application';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { IsPeriod } from '../shared/period.query';
import { MoneyResponse } from '../shared/responses/money.response';

export class LabourCostsRequestQuery {
  @ApiProperty({ example: '2026-03' })
  @IsPeriod()
  period!: string;

  @ApiProperty({ format: 'uuid', description: 'The rate card whose role rates price the work' })
  @IsUUID('all')
  rateCardId!: string;
}

export class PricedWorkResponse {
  @ApiProperty() entryId!: string;
  @ApiProperty({ format: 'uuid' }) incidentId!: string;
  @ApiProperty({ example: 'INC0000042' }) incidentNumber!: string;
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() loggedBy!: string;
  @ApiProperty({ example: 'agent', description: 'The role the person logged the work in (the event’s actor role), else agent' }) role!: string;
  @ApiProperty({ format: 'date' }) loggedOn!: string;
  @ApiProperty({ format: 'date-time' }) loggedAt!: string;
  @ApiProperty({ type: MoneyResponse, nullable: true }) cost!: MoneyResponse | null;
  @ApiProperty({ nullable: true, type: Number }) rateCardVersion!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the card cannot price it' }) problem!: string | null;
}

export class LabourTotalResponse {
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty({ type: MoneyResponse }) cost!: MoneyResponse;
}

export class LabourCostsResponse {
  @ApiProperty() period!: string;
  @ApiProperty({ format: 'uuid' }) rateCardId!: string;
  @ApiProperty({ type: [PricedWorkResponse] }) entries!: PricedWorkResponse[];
  @ApiProperty({ type: [LabourTotalResponse] }) totals!: LabourTotalResponse[];
}

@FinanceController('labour')
export class LabourCostsController {
  constructor(private readonly labour: LabourCostsQuery) {}

  @Get()
  @FinanceRead(404)
  @ApiOperation({
    summary: 'Labour of a period, priced with a rate card',
    description: 'Work logged on incidents (finance’s copy): minutes × the role’s hourly rate in the version in effect on the day of the log, rounded once (half to even).',
  })
  @ApiOkResponse({ type: LabourCostsResponse })
  async get(@Query() query: LabourCostsRequestQuery): Promise<LabourCostsResponse> {
    const { period, rateCardId, entries, totals } = await this.labour.execute(query);
    return { period, rateCardId, entries, totals };
  }
}
