import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { SwitchChangeTypeHandler } from '@itsm/changes-application';
import { IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { CHANGE_EDITORS, ChangeCommandEndpoint } from '../shared/change-endpoint.decorators';
import { ChangeResource } from '../shared/change-resource';
import { IdParams } from '../shared/id.params';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { SwitchChangeTypeRequest } from './switch-change-type.request.dto';

@ChangeController()
export class SwitchChangeTypeController {
  constructor(
    private readonly handler: SwitchChangeTypeHandler,
    private readonly changes: ChangeResource,
  ) {}

  @ChangeCommandEndpoint('type', CHANGE_EDITORS, 'Switch the type of a new change', 'Only while the change is new and nobody ever approved or rejected it; a standard change names its template.')
  async switchType(
    @Param() { id }: IdParams,
    @Body() body: SwitchChangeTypeRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @CurrentViewer() viewer: Viewer,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.changes.assertActsOn(id, viewer);
    return ChangeResource.answer(response, await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch)));
  }
}
