import { Body, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { RenameCostPoolHandler } from '@itsm/finance-application';
import { NAME_MAX_LENGTH } from '@itsm/finance-domain';
import { announceWrite, IfMatch, ifMatchCondition, IsName, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { CostPoolResponse } from '../shared/responses/cost-pool.response';

export class RenameCostPoolRequest {
  @ApiProperty({ maxLength: NAME_MAX_LENGTH })
  @IsName(NAME_MAX_LENGTH)
  name!: string;
}

@FinanceController('cost-pools')
export class RenameCostPoolController {
  constructor(private readonly handler: RenameCostPoolHandler) {}

  @Patch(':id')
  @FinanceCommand()
  @ApiOperation({ summary: 'Rename a cost pool' })
  @ApiOkResponse({ type: CostPoolResponse })
  async rename(
    @Param() { id }: IdParams,
    @Body() body: RenameCostPoolRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<CostPoolResponse>> {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(CostPoolResponse.of(result.state), result.revision);
  }
}
