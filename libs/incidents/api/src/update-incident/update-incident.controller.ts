import { Body, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { UpdateIncidentHandler } from '@itsm/incidents-application';
import { IfMatch, RequestMetadata } from '@itsm/platform-kit';
import { answerCommand, commandOptionsOf } from '../shared/command-answer';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { IncidentWork } from '../shared/incident-endpoint.decorators';
import { IncidentResponse } from '../shared/responses/incident.response';
import { UpdateIncidentRequest } from './update-incident.request.dto';

@IncidentsController()
export class UpdateIncidentController {
  constructor(private readonly handler: UpdateIncidentHandler) {}

  @Patch(':id')
  @IncidentWork()
  @ApiOperation({
    summary: 'Change impact and urgency',
    description:
      'Recomputes the priority; running SLA timers keep their start and elapsed time.',
  })
  @ApiOkResponse({ type: IncidentResponse })
  async update(
    @Param() { id }: IncidentIdParams,
    @Body() body: UpdateIncidentRequest,
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
