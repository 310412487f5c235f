import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { LogIncidentWorkHandler } from '@itsm/incidents-application';
import { IfMatch, RequestMetadata } from '@itsm/platform-kit';
import { answerCommand, commandOptionsOf } from '../shared/command-answer';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentCommandEndpoint } from '../shared/incident-command.endpoint';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { LogIncidentWorkRequest } from './log-incident-work.request.dto';

@IncidentsController()
export class LogIncidentWorkController {
  constructor(private readonly handler: LogIncidentWorkHandler) {}

  @IncidentCommandEndpoint(
    'worklog',
    'Add a work log entry with the time spent',
  )
  async worklog(
    @Param() { id }: IncidentIdParams,
    @Body() body: LogIncidentWorkRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answerCommand(
      response,
      await this.handler.execute(
        id,
        body,
        metadata,
        commandOptionsOf(ifMatch),
      ),
    );
  }
}
