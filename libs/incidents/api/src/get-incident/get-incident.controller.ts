import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, WaitForPosition } from '@itsm/platform-kit';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { IncidentRead } from '../shared/incident-endpoint.decorators';
import { IncidentRefParams } from '../shared/incident-ref.params';
import { IncidentRefs } from '../shared/incident-refs';
import { IncidentResource } from '../shared/incident-resource';
import { IncidentResponse } from '../shared/responses/incident.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { GetIncidentQuery } from './get-incident.query.dto';

@IncidentsController()
export class GetIncidentController {
  constructor(
    private readonly incidents: IncidentResource,
    private readonly refs: IncidentRefs,
  ) {}

  @Get(':id')
  @IncidentRead(404)
  @ApiOperation({
    summary: 'Read an incident',
    description:
      'Folded from its stream: always current (ETag = revision). `?asOf=` gives it as recorded by that instant (404 before it was opened). ' +
      '`:id` is the incident id or its number (INC0000001, looked up in the list read model).',
  })
  @ApiOkResponse({ type: IncidentResponse })
  @ApiWaitForPosition()
  async get(
    @Param() { id: ref }: IncidentRefParams,
    @Query() { asOf }: GetIncidentQuery,
    @CurrentViewer() viewer: Viewer,
    @WaitForPosition() waitForPosition: number | undefined,
  ) {
    const id = await this.refs.idOf(ref, waitForPosition);
    return this.incidents.withETag(id, viewer, {
      ...(asOf === undefined ? {} : { asOf: new Date(asOf) }),
      waitForPosition,
    });
  }
}
