import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { IncidentRefParams } from '../shared/incident-ref.params';
import { IncidentRefs } from '../shared/incident-refs';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { IncidentRead } from '../shared/incident-endpoint.decorators';
import { IncidentResource } from '../shared/incident-resource';
import { IncidentSlaResponse } from '../shared/responses/incident-sla.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { GetIncidentQuery } from '../get-incident/get-incident.query.dto';

@IncidentsController()
export class IncidentSlaController {
  constructor(
    private readonly incidents: IncidentResource,
    private readonly refs: IncidentRefs,
  ) {}

  @Get(':id/sla')
  @IncidentRead(404)
  @ApiOperation({
    summary: 'SLA timers now',
    description:
      'Response and resolution timers folded from the stream: state, target, due time, elapsed, paused and remaining business minutes. ' +
      '`?asOf=` gives them as they stood at that instant (folded from the log recorded by then).',
  })
  @ApiOkResponse({ type: IncidentSlaResponse })
  async sla(
    @Param() { id: ref }: IncidentRefParams,
    @Query() { asOf }: GetIncidentQuery,
    @CurrentViewer() viewer: Viewer,
  ) {
    return this.incidents.sla(
      await this.refs.idOf(ref),
      viewer,
      asOf === undefined ? undefined : new Date(asOf),
    );
  }
}
