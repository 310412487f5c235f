import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CreditPolicyQuery } from '@itsm/finance-application';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { OfferingParams } from '../put-credit-policy/put-credit-policy.controller';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { CreditPolicyResponse } from '../shared/responses/credit.response';

@FinanceController('credit-policies')
export class GetCreditPolicyController {
  constructor(private readonly query: CreditPolicyQuery) {}

  @Get(':offeringId')
  @FinanceRead(404)
  @ApiOperation({ summary: 'Read an offering’s credit policy with all its versions', description: 'Folded from its stream (ETag = revision).' })
  @ApiOkResponse({ type: CreditPolicyResponse })
  async get(@Param() { offeringId }: OfferingParams): Promise<WithETag<CreditPolicyResponse>> {
    const { state, revision } = await this.query.get(offeringId);
    return withETag(CreditPolicyResponse.of(state), revision);
  }
}
