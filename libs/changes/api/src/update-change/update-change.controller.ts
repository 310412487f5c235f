import { Body, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { UpdateChangeHandler } from '@itsm/changes-application';
import { IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { CHANGE_EDITORS, ChangeCommand } from '../shared/change-endpoint.decorators';
import { ChangeResource } from '../shared/change-resource';
import { ChangeResponse } from '../shared/change.response';
import { IdParams } from '../shared/id.params';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { UpdateChangeRequest } from './update-change.request.dto';

@ChangeController()
export class UpdateChangeController {
  constructor(
    private readonly handler: UpdateChangeHandler,
    private readonly changes: ChangeResource,
  ) {}

  @Patch(':id')
  @ChangeCommand(CHANGE_EDITORS)
  @ApiOperation({
    summary: 'Edit a change',
    description:
      'Only the fields sent change (until implementation starts). A material edit (schedule, services, plans) makes a risk assessment due and ' +
      'lapses approvals given or pending; a change in assessment is re-assessed at once with its last answers, and a normal one opens a new ' +
      'approval round. A requester edits only their own changes.',
  })
  @ApiOkResponse({ type: ChangeResponse })
  async update(
    @Param() { id }: IdParams,
    @Body() body: UpdateChangeRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @CurrentViewer() viewer: Viewer,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.changes.assertActsOn(id, viewer);
    const input = { ...body, ...(body.implementer ? { implementer: { group: body.implementer.group, agent: body.implementer.agent ?? null } } : {}) };
    return ChangeResource.answer(response, await this.handler.execute(id, input, metadata, ifMatchCondition(ifMatch)));
  }
}
