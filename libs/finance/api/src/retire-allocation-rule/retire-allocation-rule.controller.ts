import { HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { RetireAllocationRuleHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { AllocationRuleResponse } from '../shared/responses/allocation-rule.response';

@FinanceController('allocation-rules')
export class RetireAllocationRuleController {
  constructor(private readonly handler: RetireAllocationRuleHandler) {}

  @Post(':id/retire')
  @HttpCode(200)
  @FinanceCommand()
  @ApiOperation({ summary: 'Retire an allocation rule', description: 'No longer applied; its source may get a new rule.' })
  @ApiOkResponse({ type: AllocationRuleResponse })
  async retire(
    @Param() { id }: IdParams,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<AllocationRuleResponse>> {
    const result = await this.handler.execute(id, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(AllocationRuleResponse.of(result.state), result.revision);
  }
}
