import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { FinanceCopyPositions, RecordUsageHandler } from '@itsm/finance-application';
import { announceWrite, LOG_POSITION_HEADER, readAfter, RequestMetadata, WAIT_FOR_POSITION_HEADER, WaitForPosition, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCreate } from '../shared/finance-endpoint.decorators';
import { UsageBatchResponse } from '../shared/responses/usage.response';
import { RecordUsageRequest } from './record-usage.request.dto';

@FinanceController('usage')
export class RecordUsageController {
  constructor(
    private readonly handler: RecordUsageHandler,
    private readonly copies: FinanceCopyPositions,
  ) {}

  @Post()
  @FinanceCreate()
  @ApiOperation({
    summary: 'Record metered usage (one record or a batch)',
    description:
      'Per service, consumer cost center and unit, with a posting day. Idempotent by `reference`: the same reference with the same records answers 200 and records nothing; with other records it is 409.',
  })
  @ApiCreatedResponse({ type: UsageBatchResponse })
  @ApiOkResponse({ type: UsageBatchResponse, description: 'The reference was already recorded with these records' })
  @ApiHeader({ name: WAIT_FOR_POSITION_HEADER, required: false, description: `The ${LOG_POSITION_HEADER} of your last catalog write: waits until finance’s copy of the catalog has it` })
  async record(
    @Body() body: RecordUsageRequest,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
    @WaitForPosition() waitForPosition: number | undefined,
  ): Promise<WithETag<UsageBatchResponse>> {
    await readAfter(waitForPosition, (position) => this.copies.catalog(position));
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events);
    if (result.replayed) response.status(200);
    return withETag(UsageBatchResponse.of(result.state), result.revision);
  }
}
