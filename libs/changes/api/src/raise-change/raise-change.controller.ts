import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { RaiseChangeHandler } from '@itsm/changes-application';
import { announceWrite, ApiProblemResponses, RequestMetadata, Roles, withETag, type WithETag } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { ChangeResponse } from '../shared/change.response';
import { RaiseChangeRequest } from './raise-change.request.dto';

@ChangeController()
export class RaiseChangeController {
  constructor(private readonly handler: RaiseChangeHandler) {}

  @Post()
  @Roles('change-manager', 'agent', 'admin')
  @ApiProblemResponses(400, 409, 422)
  @ApiOperation({ summary: 'Raise a change' })
  @ApiCreatedResponse({ type: ChangeResponse })
  async raise(
    @Body() body: RaiseChangeRequest,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<ChangeResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events);
    return withETag(ChangeResponse.of(result.change), result.revision);
  }
}
