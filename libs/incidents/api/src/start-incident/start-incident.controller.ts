import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { StartIncidentHandler } from '@itsm/incidents-application';
import { IfMatch, RequestMetadata } from '@itsm/platform-kit';
import { answerCommand, commandOptionsOf } from '../shared/command-answer';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentCommandEndpoint } from '../shared/incident-command.endpoint';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { StartIncidentRequest, startOf } from './start-incident.request.dto';

@IncidentsController()
export class StartIncidentController {
  constructor(private readonly handler: StartIncidentHandler) {}

  @IncidentCommandEndpoint('start', 'Start work (meets the response SLA)')
  async start(
    @Param() { id }: IncidentIdParams,
    @Body() body: StartIncidentRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answerCommand(
      response,
      await this.handler.execute(id, startOf(body), metadata, commandOptionsOf(ifMatch)),
    );
  }
}
