import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  ApiWaitForPosition,
  readAfter,
  WaitForPosition,
} from '@itsm/platform-kit';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { IncidentRead } from '../shared/incident-endpoint.decorators';
import type { IncidentReadModelsPort } from '../shared/incident-read-models.port';
import { INCIDENT_READ_MODELS } from '../shared/incidents.tokens';
import { IncidentPageResponse } from '../shared/responses/incident-list.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { ListIncidentsQuery } from './list-incidents.query.dto';

@IncidentsController()
export class ListIncidentsController {
  constructor(
    @Inject(INCIDENT_READ_MODELS)
    private readonly readModels: IncidentReadModelsPort,
  ) {}

  @Get()
  @IncidentRead()
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'List incidents',
    description:
      'Newest first, cursor pages. Requesters see only the incidents they are the caller of. Eventually consistent ' +
      '(read model): send a write’s X-Log-Position as X-Wait-For-Position to read your own write.',
  })
  @ApiOkResponse({ type: IncidentPageResponse })
  async list(
    @Query() query: ListIncidentsQuery,
    @CurrentViewer() viewer: Viewer,
    @WaitForPosition() position: number | undefined,
  ) {
    await readAfter(position, (at) => this.readModels.consistency.list(at));
    return this.readModels.list.list(
      viewer.seesAll ? query : { ...query, callerId: viewer.id },
    );
  }
}
