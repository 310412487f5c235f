import { Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, WaitForPosition } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { ChangeRead } from '../shared/change-endpoint.decorators';
import { CHANGES_READ_MODELS, type ChangesReadModelsPort } from '../shared/changes-read-models.port';
import { notFound } from '../shared/changes-errors.interceptor';
import { IdParams } from '../shared/id.params';
import { ChangeConflictsResponse } from '../shared/responses/change-conflict.response';
import { ScheduleConsistency } from '../shared/schedule-consistency';

@ChangeController()
export class ChangeConflictsController {
  constructor(
    @Inject(CHANGES_READ_MODELS) private readonly readModels: ChangesReadModelsPort,
    private readonly consistency: ScheduleConsistency,
  ) {}

  @Get(':id/conflicts')
  @ChangeRead(404)
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'The conflicts of a change',
    description:
      'Computed when asked from the schedule, the freeze windows and the changes’ copies of the catalog and of incidents, so every ' +
      'event (a major incident accepted, a freeze declared, a dependency added) shows in the next read. Changes holding a slot ' +
      '(scheduled, implement) conflict with each other; a change in new, assess or authorize is checked against them. None once ' +
      'the change is in review, closed or canceled.',
  })
  @ApiOkResponse({ type: ChangeConflictsResponse })
  async conflicts(@Param() { id }: IdParams, @WaitForPosition() position: number | undefined): Promise<ChangeConflictsResponse> {
    await this.consistency.readAfter(position);
    const items = await this.readModels.conflicts.conflictsOf(id);
    if (items === null) throw notFound('change', id);
    return { items };
  }
}
