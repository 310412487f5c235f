import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { EscalateIncidentHandler } from '@itsm/incidents-application';
import { IfMatch, RequestMetadata } from '@itsm/platform-kit';
import { answerCommand, commandOptionsOf } from '../shared/command-answer';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentCommandEndpoint } from '../shared/incident-command.endpoint';
import { IncidentsController } from '../shared/incident-controller.decorator';
import {
  EscalateIncidentRequest,
  escalationOf,
} from './escalate-incident.request.dto';

@IncidentsController()
export class EscalateIncidentController {
  constructor(private readonly handler: EscalateIncidentHandler) {}

  @IncidentCommandEndpoint(
    'escalate',
    'Escalate functionally (to another group) or hierarchically (one level up)',
  )
  async escalate(
    @Param() { id }: IncidentIdParams,
    @Body() body: EscalateIncidentRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answerCommand(
      response,
      await this.handler.execute(
        id,
        escalationOf(body),
        metadata,
        commandOptionsOf(ifMatch),
      ),
    );
  }
}
