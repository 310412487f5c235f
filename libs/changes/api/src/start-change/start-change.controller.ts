import { Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { StartChangeHandler } from '@itsm/changes-application';
import { IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { CHANGE_IMPLEMENTERS, ChangeCommandEndpoint } from '../shared/change-endpoint.decorators';
import { ChangeResource } from '../shared/change-resource';
import { EmptyBody } from '../shared/empty.request.dto';
import { IdParams } from '../shared/id.params';
import { CurrentViewer, type Viewer } from '../shared/viewer';

@ChangeController()
export class StartChangeController {
  constructor(
    private readonly handler: StartChangeHandler,
    private readonly changes: ChangeResource,
  ) {}

  @ChangeCommandEndpoint('start', CHANGE_IMPLEMENTERS, 'Start the implementation', 'Only a scheduled change, and only without blocking conflicts (live conflict detection: a freeze window or an active major incident blocks a normal change; a standard change is blocked by any conflict; an emergency change by none): 409 naming them. Body: none, or {}.')
  async start(
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
