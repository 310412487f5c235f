import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  ApiWaitForPosition,
  readAfter,
  WaitForPosition,
} from '@itsm/platform-kit';
import { IncidentRefParams } from '../shared/incident-ref.params';
import { IncidentRefs } from '../shared/incident-refs';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { IncidentRead } from '../shared/incident-endpoint.decorators';
import type { IncidentReadModelsPort } from '../shared/incident-read-models.port';
import { IncidentResource } from '../shared/incident-resource';
import { INCIDENT_READ_MODELS } from '../shared/incidents.tokens';
import { IncidentHistoryResponse } from '../shared/responses/incident-history.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { GetIncidentQuery } from '../get-incident/get-incident.query.dto';

@IncidentsController()
export class IncidentHistoryController {
  constructor(
    private readonly incidents: IncidentResource,
    private readonly refs: IncidentRefs,
    @Inject(INCIDENT_READ_MODELS)
    private readonly readModels: IncidentReadModelsPort,
  ) {}

  @Get(':id/history')
  @IncidentRead(404)
  @ApiWaitForPosition()
  @ApiOperation({
    summary: 'Field-level history',
    description:
      '`?asOf=` gives the changes recorded by that instant. Who, when, field, old → new, oldest first (read model: eventually consistent; X-Wait-For-Position reads your own write).',
  })
  @ApiOkResponse({ type: IncidentHistoryResponse })
  async history(
    @Param() { id: ref }: IncidentRefParams,
    @Query() { asOf }: GetIncidentQuery,
    @CurrentViewer() viewer: Viewer,
    @WaitForPosition() position: number | undefined,
  ): Promise<IncidentHistoryResponse> {
    const id = await this.refs.idOf(ref, position);
    // `asOf` as GET /incidents/:id reads it: the stream as recorded by that instant, so the history up to its revision.
    const { revision } = await this.incidents.load(
      id,
      viewer,
      asOf === undefined ? {} : { asOf: new Date(asOf) },
    );
    await readAfter(position, (reached) => this.readModels.consistency.list(reached));
    const entries = await this.readModels.history.historyOf(
      id,
      asOf === undefined ? {} : { upToRevision: revision },
    );
    // `position` stays for the clients that read it (deprecated in OpenAPI): it is the stream revision.
    return { items: entries.map((entry) => ({ ...entry, position: entry.revision })) };
  }
}
