import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { RaiseChangeHandler } from '@itsm/changes-application';
import { announceWrite, ApiProblemResponses, RequestMetadata, Roles, withETag, type WithETag } from '@itsm/platform-kit';
import { ChangeController, CHANGE_ROUTE } from '../shared/change-controller.decorator';
import { CHANGE_EDITORS } from '../shared/change-endpoint.decorators';
import { ChangeResponse } from '../shared/change.response';
import { RaiseChangeRequest } from './raise-change.request.dto';

@ChangeController()
export class RaiseChangeController {
  constructor(private readonly handler: RaiseChangeHandler) {}

  @Post()
  @Roles(...CHANGE_EDITORS)
  @ApiProblemResponses(400, 409, 422)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body → the same response; other body → 422' })
  @ApiOperation({ summary: 'Raise a change', description: 'The caller is its requester. Answers 201 with the change (state new), its ETag and Location.' })
  @ApiCreatedResponse({ type: ChangeResponse })
  async raise(
    @Body() body: RaiseChangeRequest,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<ChangeResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events, `/${CHANGE_ROUTE}/${result.id}`);
    return withETag(ChangeResponse.of(result.change, result.revision), result.revision);
  }
}
