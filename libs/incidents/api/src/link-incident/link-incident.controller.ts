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
import { LinkIncidentRequest } from './link-incident.request.dto';

@IncidentsController()
export class LinkIncidentController {
  constructor(private readonly commands: IncidentCommands) {}

  @IncidentCommandEndpoint(
    'link',
    'Link to a parent incident or to a change',
    'A parent link also records the child on the parent; cycles are refused (409).',
  )
  async link(
    @Param() { id }: IncidentIdParams,
    @Body() body: LinkIncidentRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answerCommand(
      response,
      await this.linkOf(id, body, metadata, commandOptionsOf(ifMatch)),
    );
  }

  private linkOf(
    id: string,
    body: LinkIncidentRequest,
    metadata: Metadata,
    options: { expectedRevision?: number },
  ) {
    if (body.kind === 'parent')
      return this.commands.linkToParent(
        id,
        body.parentIncidentId ?? '',
        metadata,
        options,
      );
    const change = {
      changeId: body.changeId ?? '',
      changeNumber: body.changeNumber ?? '',
      relation: body.relation ?? 'related',
    };
    return this.commands.linkToChange(id, change, metadata, options);
  }
}
