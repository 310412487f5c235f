import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CostPoolStreams } from '@itsm/finance-application';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { CostPoolResponse } from '../shared/responses/cost-pool.response';

@FinanceController('cost-pools')
export class GetCostPoolController {
  constructor(private readonly streams: CostPoolStreams) {}

  @Get(':id')
  @FinanceRead(404)
  @ApiOperation({ summary: 'Read a cost pool', description: 'Folded from its stream: always current (ETag = revision).' })
  @ApiOkResponse({ type: CostPoolResponse })
  async get(@Param() { id }: IdParams): Promise<WithETag<CostPoolResponse>> {
    const { state, revision } = await this.streams.load(id);
    return withETag(CostPoolResponse.of(state), revision);
  }
}
