import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DisputeQuery } from '@itsm/finance-application';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { DisputeResponse } from '../shared/responses/dispute.response';

@FinanceController('disputes')
export class GetDisputeController {
  constructor(private readonly query: DisputeQuery) {}

  @Get(':id')
  @FinanceRead(404)
  @ApiOperation({ summary: 'Read a dispute', description: 'Folded from its stream (ETag = revision).' })
  @ApiOkResponse({ type: DisputeResponse })
  async get(@Param() { id }: IdParams): Promise<WithETag<DisputeResponse>> {
    const { state, revision } = await this.query.get(id);
    return withETag(DisputeResponse.of(state), revision);
  }
}
