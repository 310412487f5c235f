import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiWaitForPosition, WaitForPosition } from '@itsm/platform-kit';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { IncidentRead } from '../shared/incident-endpoint.decorators';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentResource } from '../shared/incident-resource';
import { IncidentResponse } from '../shared/responses/incident.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { GetIncidentQuery } from './get-incident.query.dto';

@IncidentsController()
export class GetIncidentController {
  constructor(private readonly incidents: IncidentResource) {}

  @Get(':id')
  @IncidentRead(404)
  @ApiOperation({
    summary: 'Read an incident',
    description:
      'Folded from its stream: always current (ETag = revision). `?asOf=` gives it as recorded by that instant (404 before it was opened).',
  })
  @ApiOkResponse({ type: IncidentResponse })
  @ApiWaitForPosition()
  get(
    @Param() { id }: IncidentIdParams,
    @Query() { asOf }: GetIncidentQuery,
    @CurrentViewer() viewer: Viewer,
    @WaitForPosition() waitForPosition: number | undefined,
  ) {
    return this.incidents.withETag(id, viewer, {
      ...(asOf === undefined ? {} : { asOf: new Date(asOf) }),
      waitForPosition,
    });
  }
}
