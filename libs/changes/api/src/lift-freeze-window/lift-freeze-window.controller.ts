import { Body, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { LiftFreezeWindowHandler } from '@itsm/changes-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FreezeWindowController } from '../shared/change-controller.decorator';
import { FreezeWindowCommand } from '../shared/change-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { FreezeWindowResponse } from '../shared/responses/freeze-window.response';
import { LiftFreezeWindowRequest } from './lift-freeze-window.request.dto';

@FreezeWindowController()
export class LiftFreezeWindowController {
  constructor(private readonly handler: LiftFreezeWindowHandler) {}

  @Post(':id/lift')
  @HttpCode(200)
  @FreezeWindowCommand()
  @ApiOperation({ summary: 'Lift a freeze window', description: 'Ends it early, or cancels it before it begins: it no longer freezes anything.' })
  @ApiOkResponse({ type: FreezeWindowResponse })
  async lift(
    @Param() { id }: IdParams,
    @Body() body: LiftFreezeWindowRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<FreezeWindowResponse>> {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(FreezeWindowResponse.of(result.freezeWindow, result.revision), result.revision);
  }
}
