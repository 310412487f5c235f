import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { MajorIncidentHandler, type MajorIncidentDecision } from '@itsm/incidents-application';
import { IfMatch, RequestMetadata } from '@itsm/platform-kit';
import { answerCommand, commandOptionsOf } from '../shared/command-answer';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentCommandEndpoint } from '../shared/incident-command.endpoint';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { MajorIncidentRequest } from './major-incident.request.dto';

/** The request as the handler's decision (the DTO has validated which fields each action needs). */
const decisionOf = (body: MajorIncidentRequest): MajorIncidentDecision =>
  body.action === 'propose'
    ? { action: 'propose', justification: body.justification ?? '' }
    : body.action === 'accept'
      ? { action: 'accept' }
      : { action: 'reject', reason: body.reason ?? '' };

@IncidentsController()
export class MajorIncidentController {
  constructor(private readonly handler: MajorIncidentHandler) {}

  @IncidentCommandEndpoint(
    'major',
    'Propose, accept or reject the incident as a major incident',
  )
  async major(
    @Param() { id }: IncidentIdParams,
    @Body() body: MajorIncidentRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answerCommand(
      response,
      await this.handler.execute(id, decisionOf(body), metadata, commandOptionsOf(ifMatch)),
    );
  }
}
