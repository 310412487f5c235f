import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, WaitForPosition } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { ChangeRead } from '../shared/change-endpoint.decorators';
import { CHANGES_READ_MODELS, type ChangesReadModelsPort } from '../shared/changes-read-models.port';
import { SchedulePageResponse } from '../shared/responses/schedule.response';
import { ScheduleConsistency } from '../shared/schedule-consistency';
import { timeRangeOf } from '../shared/time-range';
import { ChangeScheduleQuery, SCHEDULE_MAX_DAYS } from './change-schedule.query.dto';

@ChangeController()
export class ChangeScheduleController {
  constructor(
    @Inject(CHANGES_READ_MODELS) private readonly readModels: ChangesReadModelsPort,
    private readonly consistency: ScheduleConsistency,
  ) {}

  @Get('schedule')
  @ChangeRead()
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'The forward schedule of changes',
    description:
      'The changes holding a slot (scheduled, implement) whose planned window overlaps [from, to), by planned start, each with its ' +
      `conflicts as of now; cursor pages. from and to are RFC 3339 instants, to after from and at most ${SCHEDULE_MAX_DAYS} days later.`,
  })
  @ApiOkResponse({ type: SchedulePageResponse })
  async schedule(@Query() query: ChangeScheduleQuery, @WaitForPosition() position: number | undefined): Promise<SchedulePageResponse> {
    const { from, to } = timeRangeOf(query.from, query.to, SCHEDULE_MAX_DAYS) as { from: Date; to: Date };
    await this.consistency.readAfter(position);
    return this.readModels.schedule.schedule({ from, to, limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) });
  }
}
