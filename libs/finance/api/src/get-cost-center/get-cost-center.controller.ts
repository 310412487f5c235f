import { Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CostCenterStreams, FinanceNotFound, isUuid } from '@itsm/finance-application';
import { WaitForPosition, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { FINANCE_READ_MODELS, type FinanceReadModelsPort } from '../shared/finance-read-models.port';
import { CostCenterResponse } from '../shared/responses/cost-center.response';

export class CostCenterRefParams {
  @ApiProperty({ description: 'The cost center’s id (a uuid) or its code (IT-OPS, any case)' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/, { message: '$property must be a cost center id or code' })
  idOrCode!: string;
}

@FinanceController('cost-centers')
export class GetCostCenterController {
  constructor(
    private readonly streams: CostCenterStreams,
    @Inject(FINANCE_READ_MODELS) private readonly readModels: FinanceReadModelsPort,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get(':idOrCode')
  @FinanceRead(404)
  @ApiOperation({
    summary: 'Read a cost center by id or code',
    description: 'Folded from its stream: always current (ETag = revision). A code is looked up in the cost center list (X-Wait-For-Position).',
  })
  @ApiOkResponse({ type: CostCenterResponse })
  async get(@Param() { idOrCode }: CostCenterRefParams, @WaitForPosition() position: number | undefined): Promise<WithETag<CostCenterResponse>> {
    let id: string = idOrCode;
    if (!isUuid(id)) {
      const code = String(idOrCode).toUpperCase();
      await this.consistency.readAfter(position);
      const row = await this.readModels.costCenterList.byCode(code);
      if (row === null) throw new FinanceNotFound('cost center', code);
      id = row.id;
    }
    const { state, revision } = await this.streams.load(id);
    return withETag(CostCenterResponse.of(state), revision);
  }
}
