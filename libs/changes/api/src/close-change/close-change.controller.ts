import { Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { CloseChangeHandler } from '@itsm/changes-application';
import { IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { CHANGE_CLOSERS, ChangeCommandEndpoint } from '../shared/change-endpoint.decorators';
import { ChangeResource } from '../shared/change-resource';
import { EmptyBody } from '../shared/empty.request.dto';
import { IdParams } from '../shared/id.params';
import { CurrentViewer, type Viewer } from '../shared/viewer';

@ChangeController()
export class CloseChangeController {
  constructor(
    private readonly handler: CloseChangeHandler,
    private readonly changes: ChangeResource,
  ) {}

  @ChangeCommandEndpoint('close', CHANGE_CLOSERS, 'Close a completed change', 'A failed or backed-out change, and every emergency change, needs its post-implementation review first (409). Body: none, or {}.')
  async close(
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
