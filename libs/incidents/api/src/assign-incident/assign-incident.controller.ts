import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { AssignIncidentHandler } from '@itsm/incidents-application';
import { IfMatch, RequestMetadata } from '@itsm/platform-kit';
import { answerCommand, commandOptionsOf } from '../shared/command-answer';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentCommandEndpoint } from '../shared/incident-command.endpoint';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { AssignIncidentRequest, assignmentOf } from './assign-incident.request.dto';

@IncidentsController()
export class AssignIncidentController {
  constructor(private readonly handler: AssignIncidentHandler) {}

  @IncidentCommandEndpoint(
    'assign',
    'Assign to a group and optionally an agent',
  )
  async assign(
    @Param() { id }: IncidentIdParams,
    @Body() body: AssignIncidentRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answerCommand(
      response,
      await this.handler.execute(id, assignmentOf(body), metadata, commandOptionsOf(ifMatch)),
    );
  }
}
