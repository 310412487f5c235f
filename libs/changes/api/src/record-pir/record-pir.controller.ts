import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { RecordPirHandler } from '@itsm/changes-application';
import { IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { CHANGE_REVIEWERS, ChangeCommandEndpoint } from '../shared/change-endpoint.decorators';
import { ChangeResource } from '../shared/change-resource';
import { IdParams } from '../shared/id.params';
import { RecordPirRequest } from './record-pir.request.dto';

@ChangeController()
export class RecordPirController {
  constructor(private readonly handler: RecordPirHandler) {}

  @ChangeCommandEndpoint('review', CHANGE_REVIEWERS, 'Record the post-implementation review', 'Once, in review; the reviewer is the caller. The incidents caused by the change so far are noted with it.')
  async review(
    @Param() { id }: IdParams,
    @Body() body: RecordPirRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    return ChangeResource.answer(response, await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch)));
  }
}
