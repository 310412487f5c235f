import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, readAfter, WaitForPosition } from '@itsm/platform-kit';
import { GetChangeQuery } from '../get-change/get-change.query.dto';
import { ChangeController } from '../shared/change-controller.decorator';
import { ChangeView } from '../shared/change-endpoint.decorators';
import { ChangeRefParams } from '../shared/change-ref.params';
import { ChangeRefs } from '../shared/change-refs';
import { ChangeResource } from '../shared/change-resource';
import { CHANGES_READ_MODELS, type ChangesReadModelsPort } from '../shared/changes-read-models.port';
import { ChangeHistoryResponse } from '../shared/responses/change-history.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';

@ChangeController()
export class ChangeHistoryController {
  constructor(
    private readonly changes: ChangeResource,
    private readonly refs: ChangeRefs,
    @Inject(CHANGES_READ_MODELS) private readonly readModels: ChangesReadModelsPort,
  ) {}

  @Get(':id/history')
  @ChangeView(404)
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'Field-level history',
    description:
      'Who, when, field, old → new, the event type and its stream `revision`, oldest first; an approver’s decision is a line of its own ' +
      '(`approval.<stage>`). `?asOf=` gives the lines recorded by that instant. Read model: eventually consistent, X-Wait-For-Position reads your own write.',
  })
  @ApiOkResponse({ type: ChangeHistoryResponse })
  async history(
    @Param() { id: ref }: ChangeRefParams,
    @Query() { asOf }: GetChangeQuery,
    @CurrentViewer() viewer: Viewer,
    @WaitForPosition() position: number | undefined,
  ): Promise<ChangeHistoryResponse> {
    const id = await this.refs.idOf(ref, position);
    // `asOf` as GET /changes/:id reads it: the stream as recorded by that instant, so the history up to its revision.
    const { revision } = await this.changes.load(id, viewer, asOf === undefined ? {} : { asOf: new Date(asOf) });
    await readAfter(position, (reached) => this.readModels.consistency.list(reached));
    return { items: await this.readModels.history.historyOf(id, asOf === undefined ? {} : { upToRevision: revision }) };
  }
}
