import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { IncidentRead } from '../shared/incident-endpoint.decorators';
import { IncidentResource } from '../shared/incident-resource';
import { IncidentSlaResponse } from '../shared/responses/incident-sla.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';

@IncidentsController()
export class IncidentSlaController {
  constructor(private readonly incidents: IncidentResource) {}

  @Get(':id/sla')
  @IncidentRead(404)
  @ApiOperation({
    summary: 'SLA timers now',
    description:
      'Response and resolution timers folded from the stream: state, target, due time, elapsed, paused and remaining business minutes.',
  })
  @ApiOkResponse({ type: IncidentSlaResponse })
  sla(@Param() { id }: IncidentIdParams, @CurrentViewer() viewer: Viewer) {
    return this.incidents.sla(id, viewer);
  }
}
