import { Body, Param, Res } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { ChangeDirectoryPositions, LinkIncidentHandler, type ChangeRef, type IncidentLink } from '@itsm/incidents-application';
import {
  IfMatch,
  LOG_POSITION_HEADER,
  readAfter,
  RequestMetadata,
  WAIT_FOR_POSITION_HEADER,
  WaitForPosition,
} from '@itsm/platform-kit';
import { answerCommand, commandOptionsOf } from '../shared/command-answer';
import { IncidentIdParams } from '../shared/id.params';
import { IncidentCommandEndpoint } from '../shared/incident-command.endpoint';
import { IncidentsController } from '../shared/incident-controller.decorator';
import { LinkIncidentRequest } from './link-incident.request.dto';

/** The request as the handler's link (the DTO has validated which fields each kind needs). */
const linkOf = (body: LinkIncidentRequest): IncidentLink =>
  body.kind === 'parent'
    ? { kind: 'parent', parentIncidentId: body.parentIncidentId ?? '' }
    : { kind: 'change', ...changeRefOf(body), relation: body.relation ?? 'related' };

/** The number, the id, or both: the DTO lets no change link through without one of them. */
const changeRefOf = ({ changeId, changeNumber }: LinkIncidentRequest): ChangeRef =>
  changeId === undefined ? { changeNumber: changeNumber ?? '' } : { changeId, changeNumber };

@IncidentsController()
export class LinkIncidentController {
  constructor(
    private readonly handler: LinkIncidentHandler,
    private readonly changeCopy: ChangeDirectoryPositions,
  ) {}

  @IncidentCommandEndpoint(
    'link',
    'Link to a parent incident or to a change',
    'A parent link also records the child on the parent (a moment later: send the answer\'s X-Log-Position as X-Wait-For-Position to read the parent after it); cycles are refused (409). ' +
      'A change is named by its number (`changeNumber`), its id (`changeId`) or both, looked up in the incidents\' copy of changes: ' +
      'the link records both. No change by that name is a 404; an id and a number of two different changes a 409. Nothing is written on either.',
  )
  @ApiHeader({
    name: WAIT_FOR_POSITION_HEADER,
    required: false,
    description:
      `kind=change: the ${LOG_POSITION_HEADER} of the change's write (raising it): the link waits (as the lists do) until the ` +
      "incidents' copy of changes includes it, then finds the change by its number",
  })
  async link(
    @Param() { id }: IncidentIdParams,
    @Body() body: LinkIncidentRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
    @WaitForPosition() waitForPosition: number | undefined,
  ) {
    if (body.kind === 'change') {
      await readAfter(waitForPosition, (position) => this.changeCopy.waitFor(position));
    }
    return answerCommand(
      response,
      await this.handler.execute(id, linkOf(body), metadata, commandOptionsOf(ifMatch)),
    );
  }
}
