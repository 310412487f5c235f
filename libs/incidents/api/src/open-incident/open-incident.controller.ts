import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { IncidentCatalogPositions, OpenIncidentHandler } from '@itsm/incidents-application';
import {
  LOG_POSITION_HEADER,
  ProblemException,
  readAfter,
  RequestMetadata,
  WAIT_FOR_POSITION_HEADER,
  WaitForPosition,
} from '@itsm/platform-kit';
import { answerCommand } from '../shared/command-answer';
import {
  IncidentsController,
  INCIDENTS_API_PREFIX,
} from '../shared/incident-controller.decorator';
import { IncidentOpen } from '../shared/incident-endpoint.decorators';
import { IncidentResponse } from '../shared/responses/incident.response';
import { CurrentViewer, type Viewer } from '../shared/viewer';
import { OpenIncidentRequest } from './open-incident.request.dto';

@IncidentsController()
export class OpenIncidentController {
  constructor(
    private readonly handler: OpenIncidentHandler,
    private readonly catalogCopy: IncidentCatalogPositions,
  ) {}

  @Post()
  @IncidentOpen()
  @ApiOperation({
    summary: 'Open an incident',
    description:
      'Priority from impact × urgency; SLA timers start from the offering.',
  })
  @ApiCreatedResponse({ type: IncidentResponse })
  @ApiHeader({
    name: WAIT_FOR_POSITION_HEADER,
    required: false,
    description:
      `The ${LOG_POSITION_HEADER} of your last catalog write: the open waits (as the lists do) until the incidents' ` +
      'copy of the catalog includes it, then decides on the service as that write left it',
  })
  async open(
    @Body() body: OpenIncidentRequest,
    @CurrentViewer() viewer: Viewer,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
    @WaitForPosition() waitForPosition: number | undefined,
  ) {
    await readAfter(waitForPosition, (position) =>
      this.catalogCopy.waitFor(position),
    );
    const callerId = body.callerId ?? viewer.id;
    if (!viewer.seesAll && callerId !== viewer.id) {
      throw new ProblemException({
        status: 403,
        title: 'Forbidden',
        detail: 'A requester opens incidents for themselves only',
      });
    }
    const result = await this.handler.execute(
      { ...body, callerId, offeringId: body.offeringId ?? null },
      metadata,
    );
    return answerCommand(
      response,
      result,
      `/${INCIDENTS_API_PREFIX}/incidents/${result.id}`,
    );
  }
}
