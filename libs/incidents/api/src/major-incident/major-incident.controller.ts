import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import {
  IncidentCommands,
  type RequestMetadata as Metadata,
} from '@itsm/incidents-application';
import { IfMatch, RequestMetadata } from '@itsm/platform-kit';
import { answerCommand, commandOptionsOf } from '../shared/command-answer';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentCommandEndpoint } from '../shared/incident-command.endpoint';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { MajorIncidentRequest } from './major-incident.request.dto';

@IncidentsController()
export class MajorIncidentController {
  constructor(private readonly commands: IncidentCommands) {}

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
      await this.decide(id, body, metadata, commandOptionsOf(ifMatch)),
    );
  }

  private decide(
    id: string,
    body: MajorIncidentRequest,
    metadata: Metadata,
    options: { expectedRevision?: number },
  ) {
    if (body.action === 'propose')
      return this.commands.proposeMajor(
        id,
        { justification: body.justification ?? '' },
        metadata,
        options,
      );
    if (body.action === 'accept')
      return this.commands.acceptMajor(id, metadata, options);
    return this.commands.rejectMajor(
      id,
      { reason: body.reason ?? '' },
      metadata,
      options,
    );
  }
}
