import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { LedgerImportStatusQuery } from '@itsm/finance-application';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { LedgerImportResponse } from '../shared/responses/ledger.response';

@FinanceController('ledger-imports')
export class GetLedgerImportController {
  constructor(private readonly status: LedgerImportStatusQuery) {}

  @Get(':id')
  @FinanceRead(404)
  @ApiOperation({
    summary: 'Where a ledger import stands',
    description: 'While running: lines processed and bytes received of the total; rejected: every bad line; imported: its totals (ETag = the import stream’s revision).',
  })
  @ApiOkResponse({ type: LedgerImportResponse })
  async get(@Param() { id }: IdParams): Promise<WithETag<LedgerImportResponse>> {
    const status = await this.status.execute(id);
    return withETag(LedgerImportResponse.of(status), status.revision);
  }
}
