import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { OpenIncidentHandler } from '@itsm/incidents-application';
import { ProblemException, RequestMetadata } from '@itsm/platform-kit';
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
  constructor(private readonly handler: OpenIncidentHandler) {}

  @Post()
  @IncidentOpen()
  @ApiOperation({
    summary: 'Open an incident',
    description:
      'Priority from impact × urgency; SLA timers start from the offering.',
  })
  @ApiCreatedResponse({ type: IncidentResponse })
  async open(
    @Body() body: OpenIncidentRequest,
    @CurrentViewer() viewer: Viewer,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
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
