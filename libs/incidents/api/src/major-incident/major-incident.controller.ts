import { Body, ForbiddenException, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { MajorIncidentHandler, type MajorIncidentDecision } from '@itsm/incidents-application';
import { IfMatch, RequestMetadata, type GatewayRequest, type Role } from '@itsm/platform-kit';
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

/** Accepting a major incident is a role of its own; the decider also refuses the proposer. */
const ACCEPTERS: readonly Role[] = ['incident-manager', 'admin'];

/** The acting role for an acceptance: one of ACCEPTERS that the caller holds, else 403. */
const acceptingRole = (request: GatewayRequest): Role => {
  const role = request.principal?.roles.find((held) => ACCEPTERS.includes(held));
  if (!role) throw new ForbiddenException(`Accepting a major incident needs one of the roles: ${ACCEPTERS.join(', ')}`);
  return role;
};

@IncidentsController()
export class MajorIncidentController {
  constructor(private readonly handler: MajorIncidentHandler) {}

  @IncidentCommandEndpoint(
    'major',
    'Propose, accept or reject the incident as a major incident',
    'Agents propose and reject; accepting needs `incident-manager` (or `admin`) and someone other than the proposer (409).',
    ['agent', 'incident-manager', 'admin'],
  )
  async major(
    @Param() { id }: IncidentIdParams,
    @Body() body: MajorIncidentRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Req() request: GatewayRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const acting =
      body.action === 'accept'
        ? { ...metadata, actor: { ...metadata.actor, role: acceptingRole(request) } }
        : metadata;
    return answerCommand(
      response,
      await this.handler.execute(id, decisionOf(body), acting, commandOptionsOf(ifMatch)),
    );
  }
}
