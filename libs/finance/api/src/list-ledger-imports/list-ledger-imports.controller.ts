import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { PageQuery, WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { FINANCE_READ_MODELS, type FinanceReadModelsPort } from '../shared/finance-read-models.port';
import { LedgerImportListItem, LedgerImportPageResponse } from '../shared/responses/ledger.response';

@FinanceController('ledger-imports')
export class ListLedgerImportsController {
  constructor(
    @Inject(FINANCE_READ_MODELS) private readonly readModels: FinanceReadModelsPort,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({ summary: 'List imported ledger files', description: 'In the order they were imported; cursor pages.' })
  @ApiOkResponse({ type: LedgerImportPageResponse })
  async list(@Query() query: PageQuery, @WaitForPosition() position: number | undefined): Promise<LedgerImportPageResponse> {
    await this.consistency.readAfter(position);
    const page = await this.readModels.ledger.imports(query);
    return { items: page.items.map(LedgerImportListItem.ofView), nextCursor: page.nextCursor };
  }
}
