import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ChangeGateQuery } from '@itsm/changes-application';
import { ApiWaitForPosition, WaitForPosition, withETag, type WithETag } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { ChangeView } from '../shared/change-endpoint.decorators';
import { ChangeRefParams } from '../shared/change-ref.params';
import { ChangeRefs } from '../shared/change-refs';
import { ChangeResource } from '../shared/change-resource';
import { ScheduleConsistency } from '../shared/schedule-consistency';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { ChangeGateResponse } from './change-gate.response';

@ChangeController()
export class ChangeGateController {
  constructor(
    private readonly gate: ChangeGateQuery,
    private readonly changes: ChangeResource,
    private readonly refs: ChangeRefs,
    private readonly consistency: ScheduleConsistency,
  ) {}

  @Get(':id/gate')
  @ChangeView(404)
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'The deployment gate of a change (CI/CD)',
    description:
      'Whether a pipeline may deploy the change now: `awaiting` (not yet authorized and scheduled, or its window has not opened), ' +
      '`allowed` (scheduled or implementing, inside its planned window, no blocking conflict) or `prevented` (canceled, rejected, ' +
      'already implemented, window over, or a conflict that blocks its type: a freeze, an active major incident…), with the reason and ' +
      'the conflicts. Decided from the change’s stream (current, no read-model lag: ETag = revision), the live conflict detection and ' +
      'the clock; ask again to follow it. `:id` is the change id or its number. Integrations authenticate with X-Api-Key ' +
      '(a key with the agent role raises, submits, starts and completes standard changes and reads their gate).',
  })
  @ApiOkResponse({ type: ChangeGateResponse })
  async gateOf(
    @Param() { id: ref }: ChangeRefParams,
    @CurrentViewer() viewer: Viewer,
    @WaitForPosition() waitForPosition: number | undefined,
  ): Promise<WithETag<ChangeGateResponse>> {
    const id = await this.refs.idOf(ref, waitForPosition);
    await this.changes.assertActsOn(id, viewer);
    // The conflicts read the schedule and the copies: after a write (a freeze declared, a major incident accepted), wait for it.
    await this.consistency.readAfter(waitForPosition);
    const { revision, ...gate } = await this.gate.execute(id);
    // The conflict detection of the read models gives each conflict whole (services, the other change…), not only kind and detail.
    return withETag(gate as ChangeGateResponse, revision);
  }
}
