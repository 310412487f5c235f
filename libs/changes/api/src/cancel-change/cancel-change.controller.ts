import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { CancelChangeHandler } from '@itsm/changes-application';
import { IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { CHANGE_EDITORS, ChangeCommandEndpoint } from '../shared/change-endpoint.decorators';
import { ChangeResource } from '../shared/change-resource';
import { IdParams } from '../shared/id.params';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { CancelChangeRequest } from './cancel-change.request.dto';

@ChangeController()
export class CancelChangeController {
  constructor(
    private readonly handler: CancelChangeHandler,
    private readonly changes: ChangeResource,
  ) {}

  @ChangeCommandEndpoint('cancel', CHANGE_EDITORS, 'Cancel a change', 'With a reason, in any state before review; the approvals still awaited are canceled with it. A requester cancels only their own changes.')
  async cancel(
    @Param() { id }: IdParams,
    @Body() body: CancelChangeRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @CurrentViewer() viewer: Viewer,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.changes.assertActsOn(id, viewer);
    return ChangeResource.answer(response, await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch)));
  }
}
