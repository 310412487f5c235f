import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, readAfter, WaitForPosition } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { ChangeView } from '../shared/change-endpoint.decorators';
import { CHANGES_READ_MODELS, type ChangesReadModelsPort } from '../shared/changes-read-models.port';
import { ChangePageResponse } from '../shared/responses/change-list.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { ListChangesQuery } from './list-changes.query.dto';

@ChangeController()
export class ListChangesController {
  constructor(@Inject(CHANGES_READ_MODELS) private readonly readModels: ChangesReadModelsPort) {}

  @Get()
  @ChangeView()
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'List changes',
    description:
      'Newest first, cursor pages; filters `state`, `type`, `risk`, `serviceId`, `implementerGroup`, `q`. Requesters see only the changes ' +
      'they requested. Eventually consistent (read model): send a write’s X-Log-Position as X-Wait-For-Position to read your own write.',
  })
  @ApiOkResponse({ type: ChangePageResponse })
  async list(@Query() query: ListChangesQuery, @CurrentViewer() viewer: Viewer, @WaitForPosition() position: number | undefined) {
    await readAfter(position, (at) => this.readModels.consistency.list(at));
    return this.readModels.changeList.list(viewer.seesAll ? query : { ...query, requesterId: viewer.id });
  }
}
