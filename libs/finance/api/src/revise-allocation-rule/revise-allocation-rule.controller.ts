import { Body, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AllocationMethodV1 } from '@itsm/contracts';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { ReviseAllocationRuleHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { ALLOCATION_METHOD_SCHEMA } from '../define-allocation-rule/define-allocation-rule.request.dto';
import { IsAllocationMethod } from '../shared/allocation-method.validator';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { AllocationRuleResponse } from '../shared/responses/allocation-rule.response';

export class ReviseAllocationRuleRequest {
  @ApiProperty(ALLOCATION_METHOD_SCHEMA)
  @IsAllocationMethod()
  method!: AllocationMethodV1;
}

@FinanceController('allocation-rules')
export class ReviseAllocationRuleController {
  constructor(private readonly handler: ReviseAllocationRuleHandler) {}

  @Patch(':id')
  @FinanceCommand()
  @ApiOperation({ summary: 'Revise an allocation rule’s method', description: 'The previous method stays in the history; the same method again changes nothing.' })
  @ApiOkResponse({ type: AllocationRuleResponse })
  async revise(
    @Param() { id }: IdParams,
    @Body() body: ReviseAllocationRuleRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<AllocationRuleResponse>> {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(AllocationRuleResponse.of(result.state), result.revision);
  }
}
