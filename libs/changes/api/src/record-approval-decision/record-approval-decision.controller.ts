import { Body, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { RecordApprovalDecisionHandler } from '@itsm/changes-application';
import { IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { CHANGE_APPROVERS, ChangeCommand } from '../shared/change-endpoint.decorators';
import { ChangeResource } from '../shared/change-resource';
import { ChangeResponse } from '../shared/change.response';
import { IdParams } from '../shared/id.params';
import { RecordApprovalDecisionRequest } from './record-approval-decision.request.dto';

@ChangeController()
export class RecordApprovalDecisionController {
  constructor(private readonly handler: RecordApprovalDecisionHandler) {}

  @Post(':id/approvals')
  @HttpCode(200)
  @ChangeCommand(CHANGE_APPROVERS, 422)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body → the same response; other body → 422' })
  @ApiOperation({
    summary: 'Approve or reject (the caller is the approver)',
    description:
      'A decision on the open stage of the change in authorize, by a cab-member or change-manager (listed, when the stage names its ' +
      'approvers), never the requester or the implementer, once per stage. A stage reaching its quorum opens the next; the last one ' +
      'authorizes and schedules the change; a veto, or a quorum no longer reachable, rejects it (back to new).',
  })
  @ApiOkResponse({ type: ChangeResponse })
  async decide(
    @Param() { id }: IdParams,
    @Body() body: RecordApprovalDecisionRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    return ChangeResource.answer(response, await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch)));
  }
}
