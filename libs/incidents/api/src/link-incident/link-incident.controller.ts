import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { LinkIncidentHandler, type IncidentLink } from '@itsm/incidents-application';
import { IfMatch, RequestMetadata } from '@itsm/platform-kit';
import { answerCommand, commandOptionsOf } from '../shared/command-answer';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentCommandEndpoint } from '../shared/incident-command.endpoint';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { LinkIncidentRequest } from './link-incident.request.dto';

/** The request as the handler's link (the DTO has validated which fields each kind needs). */
const linkOf = (body: LinkIncidentRequest): IncidentLink =>
  body.kind === 'parent'
    ? { kind: 'parent', parentIncidentId: body.parentIncidentId ?? '' }
    : { kind: 'change', changeId: body.changeId ?? '', changeNumber: body.changeNumber ?? '', relation: body.relation ?? 'related' };

@IncidentsController()
export class LinkIncidentController {
  constructor(private readonly handler: LinkIncidentHandler) {}

  @IncidentCommandEndpoint(
    'link',
    'Link to a parent incident or to a change',
    'A parent link also records the child on the parent (a moment later: send the answer\'s X-Log-Position as X-Wait-For-Position to read the parent after it); cycles are refused (409).',
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
      await this.handler.execute(id, linkOf(body), metadata, commandOptionsOf(ifMatch)),
    );
  }
}
