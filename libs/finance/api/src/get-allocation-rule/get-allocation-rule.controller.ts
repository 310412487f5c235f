import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AllocationRuleStreams } from '@itsm/finance-application';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { AllocationRuleResponse } from '../shared/responses/allocation-rule.response';

@FinanceController('allocation-rules')
export class GetAllocationRuleController {
  constructor(private readonly streams: AllocationRuleStreams) {}

  @Get(':id')
  @FinanceRead(404)
  @ApiOperation({ summary: 'Read an allocation rule', description: 'Folded from its stream (ETag = revision).' })
  @ApiOkResponse({ type: AllocationRuleResponse })
  async get(@Param() { id }: IdParams): Promise<WithETag<AllocationRuleResponse>> {
    const { state, revision } = await this.streams.load(id);
    return withETag(AllocationRuleResponse.of(state), revision);
  }
}
