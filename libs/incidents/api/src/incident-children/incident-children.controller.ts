import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { ApiWaitForPosition, WaitForPosition } from '@itsm/platform-kit';
import { IncidentIdParams } from '../shared/id.params';
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
  constructor(private readonly incidents: IncidentResource) {}

  @Get(':id/children')
  @IncidentRead(404)
  @ApiOperation({
    summary: 'Child incidents',
    description: 'Each folded from its stream, in the order they were linked.',
  })
  @ApiOkResponse({ type: IncidentChildrenResponse })
  @ApiWaitForPosition()
  async children(
    @Param() { id }: IncidentIdParams,
    @CurrentViewer() viewer: Viewer,
    @WaitForPosition() waitForPosition: number | undefined,
  ): Promise<IncidentChildrenResponse> {
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
