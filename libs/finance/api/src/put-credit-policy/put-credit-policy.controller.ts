import { Body, Param, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { PublishCreditPolicyVersionHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { CreditPolicyResponse } from '../shared/responses/credit.response';
import { PutCreditPolicyRequest } from './put-credit-policy.request.dto';

export class OfferingParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  offeringId!: string;
}

@FinanceController('credit-policies')
export class PutCreditPolicyController {
  constructor(private readonly handler: PublishCreditPolicyVersionHandler) {}

  @Put(':offeringId')
  @FinanceCommand()
  @ApiOperation({
    summary: 'Publish a version of an offering’s service-credit policy',
    description:
      'Tiers (priority × timer → percent of the monthly fee), a cap per consumer and period, the consumer cost center, optionally its monthly fee. ' +
      'A version applies to breaches from its day; one on or before the latest is refused (409), the latest sent again changes nothing. An offering finance’s catalog copy does not know is 404.',
  })
  @ApiOkResponse({ type: CreditPolicyResponse })
  async put(
    @Param() { offeringId }: OfferingParams,
    @Body() body: PutCreditPolicyRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<CreditPolicyResponse>> {
    const result = await this.handler.execute(offeringId, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(CreditPolicyResponse.of(result.state), result.revision);
  }
}
