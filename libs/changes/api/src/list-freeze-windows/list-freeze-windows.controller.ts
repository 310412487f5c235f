import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, readAfter, WaitForPosition } from '@itsm/platform-kit';
import { FreezeWindowController } from '../shared/change-controller.decorator';
import { ChangeRead } from '../shared/change-endpoint.decorators';
import { CHANGES_READ_MODELS, type ChangesReadModelsPort } from '../shared/changes-read-models.port';
import { FreezeWindowPageResponse } from '../shared/responses/freeze-window.response';
import { timeRangeOf } from '../shared/time-range';
import { FREEZE_LIST_MAX_DAYS, ListFreezeWindowsQuery } from './list-freeze-windows.query.dto';

@FreezeWindowController()
export class ListFreezeWindowsController {
  constructor(@Inject(CHANGES_READ_MODELS) private readonly readModels: ChangesReadModelsPort) {}

  @Get()
  @ChangeRead()
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'List freeze windows',
    description: 'Those overlapping [from, to) when given (lifted ones too, with their state), by start; cursor pages.',
  })
  @ApiOkResponse({ type: FreezeWindowPageResponse })
  async list(@Query() query: ListFreezeWindowsQuery, @WaitForPosition() position: number | undefined): Promise<FreezeWindowPageResponse> {
    const range = timeRangeOf(query.from, query.to, FREEZE_LIST_MAX_DAYS);
    await readAfter(position, (at) => this.readModels.consistency.schedule(at));
    return this.readModels.freezeWindows.list({ ...range, limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) });
  }
}
