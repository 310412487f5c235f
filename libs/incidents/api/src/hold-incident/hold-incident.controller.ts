import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { HoldIncidentHandler } from '@itsm/incidents-application';
import { IfMatch, RequestMetadata } from '@itsm/platform-kit';
import { answerCommand, commandOptionsOf } from '../shared/command-answer';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentCommandEndpoint } from '../shared/incident-command.endpoint';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { HoldIncidentRequest } from './hold-incident.request.dto';

@IncidentsController()
export class HoldIncidentController {
  constructor(private readonly handler: HoldIncidentHandler) {}

  @IncidentCommandEndpoint('hold', 'Put on hold (pauses the resolution SLA)')
  async hold(
    @Param() { id }: IncidentIdParams,
    @Body() body: HoldIncidentRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answerCommand(
      response,
      await this.handler.execute(id, body, metadata, commandOptionsOf(ifMatch)),
    );
  }
}
