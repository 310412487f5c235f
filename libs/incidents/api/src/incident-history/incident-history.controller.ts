import { Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  ApiWaitForPosition,
  readAfter,
  WaitForPosition,
} from '@itsm/platform-kit';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { IncidentRead } from '../shared/incident-endpoint.decorators';
import type { IncidentReadModelsPort } from '../shared/incident-read-models.port';
import { IncidentResource } from '../shared/incident-resource';
import { INCIDENT_READ_MODELS } from '../shared/incidents.tokens';
import { IncidentHistoryResponse } from '../shared/responses/incident-history.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';

@IncidentsController()
export class IncidentHistoryController {
  constructor(
    private readonly incidents: IncidentResource,
    @Inject(INCIDENT_READ_MODELS)
    private readonly readModels: IncidentReadModelsPort,
  ) {}

  @Get(':id/history')
  @IncidentRead(404)
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'Field-level history',
    description:
      'Who, when, field, old → new, oldest first (read model: eventually consistent; X-Wait-For-Position reads your own write).',
  })
  @ApiOkResponse({ type: IncidentHistoryResponse })
  async history(
    @Param() { id }: IncidentIdParams,
    @CurrentViewer() viewer: Viewer,
    @WaitForPosition() position: number | undefined,
  ): Promise<IncidentHistoryResponse> {
    await this.incidents.load(id, viewer);
    await readAfter(position, (at) => this.readModels.consistency.list(at));
    return { items: await this.readModels.history.historyOf(id) };
  }
}
