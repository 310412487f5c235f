import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { ReopenIncidentHandler } from '@itsm/incidents-application';
import { IfMatch, RequestMetadata } from '@itsm/platform-kit';
import { answerCommand, commandOptionsOf } from '../shared/command-answer';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentCommandEndpoint } from '../shared/incident-command.endpoint';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { ReasonRequest } from '../shared/reason.request.dto';

@IncidentsController()
export class ReopenIncidentController {
  constructor(private readonly handler: ReopenIncidentHandler) {}

  @IncidentCommandEndpoint(
    'reopen',
    'Reopen a resolved incident within the reopen window',
    'Agents reopen any resolved incident; a requester reopens the incidents they called in.',
    ['requester', 'agent', 'admin'],
  )
  async reopen(
    @Param() { id }: IncidentIdParams,
    @Body() body: ReasonRequest,
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
