import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, WaitForPosition } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { ChangeView } from '../shared/change-endpoint.decorators';
import { ChangeRefParams } from '../shared/change-ref.params';
import { ChangeRefs } from '../shared/change-refs';
import { ChangeResource } from '../shared/change-resource';
import { ChangeResponse } from '../shared/change.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { GetChangeQuery } from './get-change.query.dto';

@ChangeController()
export class GetChangeController {
  constructor(
    private readonly changes: ChangeResource,
    private readonly refs: ChangeRefs,
  ) {}

  @Get(':id')
  @ChangeView(404)
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'Read a change',
    description:
      'Folded from its stream: always current (ETag = revision), with its risk, approval round (stages and decisions), `materialHash` ' +
      '(what an approver sends back as `seenHash`), outcome, review and the incidents it caused. `?asOf=` gives it as recorded by that ' +
      'instant. `:id` is the change id or its number (CHG0000001, looked up in the change list). A requester sees only their own changes.',
  })
  @ApiOkResponse({ type: ChangeResponse })
  async get(
    @Param() { id: ref }: ChangeRefParams,
    @Query() { asOf }: GetChangeQuery,
    @CurrentViewer() viewer: Viewer,
    @WaitForPosition() waitForPosition: number | undefined,
  ) {
    const id = await this.refs.idOf(ref, waitForPosition);
    return this.changes.withETag(id, viewer, { ...(asOf === undefined ? {} : { asOf: new Date(asOf) }), waitForPosition });
  }
}
