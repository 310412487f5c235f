import { Body, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { AssessChangeRiskHandler } from '@itsm/changes-application';
import { IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { ChangeController } from '../shared/change-controller.decorator';
import { ChangeCommandEndpoint, RISK_ASSESSORS } from '../shared/change-endpoint.decorators';
import { ChangeResource } from '../shared/change-resource';
import { IdParams } from '../shared/id.params';
import { AssessChangeRiskRequest } from './assess-change-risk.request.dto';

@ChangeController()
export class AssessChangeRiskController {
  constructor(private readonly handler: AssessChangeRiskHandler) {}

  @ChangeCommandEndpoint(
    'assess',
    RISK_ASSESSORS,
    'Assess the risk',
    'The risk policy in force rates the facts (criticalities, dependents and maintenance windows of its services from the catalog, the ' +
      'implementer group’s recent failure rate, the expected outage) and the questionnaire; the higher level wins. A normal change in assess ' +
      'moves to authorize with the approval stages the approval policy gives its level. An unanswered question or an unknown answer: 409.',
  )
  async assess(
    @Param() { id }: IdParams,
    @Body() body: AssessChangeRiskRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ) {
    return ChangeResource.answer(response, await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch)));
  }
}
