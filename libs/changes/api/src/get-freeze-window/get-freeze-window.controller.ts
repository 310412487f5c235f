import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { FreezeWindowStreams } from '@itsm/changes-application';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { FreezeWindowController } from '../shared/change-controller.decorator';
import { ChangeRead } from '../shared/change-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { FreezeWindowResponse } from '../shared/responses/freeze-window.response';

@FreezeWindowController()
export class GetFreezeWindowController {
  constructor(private readonly streams: FreezeWindowStreams) {}

  @Get(':id')
  @ChangeRead(404)
  @ApiOperation({ summary: 'Read a freeze window', description: 'Folded from its stream: always current (ETag = revision).' })
  @ApiOkResponse({ type: FreezeWindowResponse })
  async get(@Param() { id }: IdParams): Promise<WithETag<FreezeWindowResponse>> {
    const { state, revision } = await this.streams.load(id);
    return withETag(FreezeWindowResponse.of(state, revision), revision);
  }
}
