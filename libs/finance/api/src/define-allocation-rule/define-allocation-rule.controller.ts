import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { DefineAllocationRuleHandler } from '@itsm/finance-application';
import { announceWrite, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FINANCE_ROUTE, FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCreate } from '../shared/finance-endpoint.decorators';
import { AllocationRuleResponse } from '../shared/responses/allocation-rule.response';
import { DefineAllocationRuleRequest } from './define-allocation-rule.request.dto';

@FinanceController('allocation-rules')
export class DefineAllocationRuleController {
  constructor(private readonly handler: DefineAllocationRuleHandler) {}

  @Post()
  @FinanceCreate()
  @ApiOperation({
    summary: 'Define an allocation rule for a cost pool or a service',
    description: 'One live rule per source (revise or retire it first); the source and every consumer must exist and be open.',
  })
  @ApiCreatedResponse({ type: AllocationRuleResponse })
  async define(
    @Body() body: DefineAllocationRuleRequest,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<AllocationRuleResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events, `/${FINANCE_ROUTE}/allocation-rules/${result.id}`);
    return withETag(AllocationRuleResponse.of(result.state), result.revision);
  }
}
