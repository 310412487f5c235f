import { Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { SubmitChangeHandler } from '@itsm/changes-application';
import { IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { CHANGE_EDITORS, ChangeCommandEndpoint } from '../shared/change-endpoint.decorators';
import { ChangeResource } from '../shared/change-resource';
import { EmptyBody } from '../shared/empty.request.dto';
import { IdParams } from '../shared/id.params';
import { CurrentViewer, type Viewer } from '../shared/viewer';

@ChangeController()
export class SubmitChangeController {
  constructor(
    private readonly handler: SubmitChangeHandler,
    private readonly changes: ChangeResource,
  ) {}

  @ChangeCommandEndpoint('submit', CHANGE_EDITORS, 'Submit a new change', 'A normal change goes to assess; an emergency one to authorize with the ECAB stages of the approval policy; a standard one, pre-approved by its template, to scheduled. A requester submits only their own changes. Body: none, or {}.')
  async submit(
    @Param() { id }: IdParams,
    @EmptyBody() _body: Record<string, never>,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @CurrentViewer() viewer: Viewer,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.changes.assertActsOn(id, viewer);
    return ChangeResource.answer(response, await this.handler.execute(id, metadata, ifMatchCondition(ifMatch)));
  }
}
