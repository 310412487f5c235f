import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { ApiWaitForPosition, WaitForPosition } from '@itsm/platform-kit';
import { IncidentRefParams } from '../shared/incident-ref.params';
import { IncidentRefs } from '../shared/incident-refs';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { IncidentRead } from '../shared/incident-endpoint.decorators';
import { IncidentResource } from '../shared/incident-resource';
import {
  IncidentResponse,
  incidentResponseOf,
} from '../shared/responses/incident.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';

export class IncidentChildrenResponse {
  @ApiProperty({ type: [IncidentResponse] }) items!: IncidentResponse[];
}

@IncidentsController()
export class IncidentChildrenController {
  constructor(
    private readonly incidents: IncidentResource,
    private readonly refs: IncidentRefs,
  ) {}

  @Get(':id/children')
  @IncidentRead(404)
  @ApiOperation({
    summary: 'Child incidents',
    description: 'Each folded from its stream, in the order they were linked.',
  })
  @ApiOkResponse({ type: IncidentChildrenResponse })
  @ApiWaitForPosition()
  async children(
    @Param() { id: ref }: IncidentRefParams,
    @CurrentViewer() viewer: Viewer,
    @WaitForPosition() waitForPosition: number | undefined,
  ): Promise<IncidentChildrenResponse> {
    const id = await this.refs.idOf(ref, waitForPosition);
    const { incident } = await this.incidents.load(id, viewer, { waitForPosition });
    // The parent's visibility decides: a requester who may see the parent sees what it is made of.
    const all = { id: viewer.id, seesAll: true };
    const children = await Promise.all(
      incident.childIncidentIds.map((childId) =>
        this.incidents.load(childId, all),
      ),
    );
    return {
      items: children.map((child) =>
        incidentResponseOf(child.incident, child.revision),
      ),
    };
  }
}
