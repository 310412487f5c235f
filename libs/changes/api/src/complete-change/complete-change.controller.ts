import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { CompleteChangeHandler } from '@itsm/changes-application';
import { IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { CHANGE_IMPLEMENTERS, ChangeCommandEndpoint } from '../shared/change-endpoint.decorators';
import { ChangeResource } from '../shared/change-resource';
import { IdParams } from '../shared/id.params';
import { CompleteChangeRequest } from './complete-change.request.dto';

@ChangeController()
export class CompleteChangeController {
  constructor(private readonly handler: CompleteChangeHandler) {}

  @ChangeCommandEndpoint('complete', CHANGE_IMPLEMENTERS, 'Complete the implementation with its outcome', 'To review; a failed or backed-out change, and every emergency change, then needs its post-implementation review before it closes.')
  async complete(
    @Param() { id }: IdParams,
    @Body() body: CompleteChangeRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    return ChangeResource.answer(response, await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch)));
  }
}
