import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { ChangesCopyPositions, DeclareFreezeWindowHandler } from '@itsm/changes-application';
import {
  announceWrite,
  LOG_POSITION_HEADER,
  readAfter,
  RequestMetadata,
  WAIT_FOR_POSITION_HEADER,
  WaitForPosition,
  withETag,
  type WithETag,
} from '@itsm/platform-kit';
import { FREEZE_WINDOW_ROUTE, FreezeWindowController } from '../shared/change-controller.decorator';
import { FreezeWindowCreate } from '../shared/change-endpoint.decorators';
import { FreezeWindowResponse } from '../shared/responses/freeze-window.response';
import { DeclareFreezeWindowRequest } from './declare-freeze-window.request.dto';

@FreezeWindowController()
export class DeclareFreezeWindowController {
  constructor(
    private readonly handler: DeclareFreezeWindowHandler,
    private readonly copies: ChangesCopyPositions,
  ) {}

  @Post()
  @FreezeWindowCreate()
  @ApiOperation({
    summary: 'Declare a freeze (blackout) window',
    description: 'For every service, or for the services named (each known to the catalog). Changes overlapping it get a freeze-window conflict.',
  })
  @ApiCreatedResponse({ type: FreezeWindowResponse })
  @ApiHeader({
    name: WAIT_FOR_POSITION_HEADER,
    required: false,
    description: `The ${LOG_POSITION_HEADER} of your last catalog write: the declaration waits until the changes’ copy of the catalog includes it`,
  })
  async declare(
    @Body() body: DeclareFreezeWindowRequest,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
    @WaitForPosition() waitForPosition: number | undefined,
  ): Promise<WithETag<FreezeWindowResponse>> {
    await readAfter(waitForPosition, (position) => this.copies.catalog(position));
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events, `/${FREEZE_WINDOW_ROUTE}/${result.id}`);
    return withETag(FreezeWindowResponse.of(result.freezeWindow, result.revision), result.revision);
  }
}
