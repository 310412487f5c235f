import { Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { derivedId, ImportLedgerHandler } from '@itsm/finance-application';
import { AcceptsStreamedBody, announceWrite, ApiProblemResponses, ProblemException, RequestMetadata, Roles, withETag, type WithETag } from '@itsm/platform-kit';
import { FINANCE_ROUTE, FinanceController } from '../shared/finance-controller.decorator';
import { FINANCE_WRITERS } from '../shared/finance-endpoint.decorators';
import { LedgerImportResponse } from '../shared/responses/ledger.response';

export class ImportLedgerQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Your id of the import: follow it at GET /finance/ledger-imports/:id while it runs; the same id and file again is a replay' })
  @IsOptional()
  @IsUUID('all')
  importId?: string;

  @ApiPropertyOptional({ example: 'gl-2026-03.csv', description: 'The file’s name, kept with the import' })
  @IsOptional()
  @Matches(/^[^\p{Cc}/\\]{1,200}$/u, { message: '$property must be a file name of 1 to 200 characters' })
  fileName?: string;
}

const EXAMPLE = [
  'date,account,cost_pool,cost_center,amount,currency,source_reference,description',
  '2026-03-01,6200,,IT-OPS,1234.50,EUR,JE-2026-0001,Licences March',
  '2026-03-02,6300,0190f3a4-6666-7222-8333-944445555666,,-20.00,USD,JE-2026-0002,Credit note',
].join('\n');

@FinanceController('ledger-imports')
export class ImportLedgerController {
  constructor(private readonly handler: ImportLedgerHandler) {}

  @Post()
  @Roles(...FINANCE_WRITERS)
  @ApiProblemResponses(400, 409, 413, 415)
  @AcceptsStreamedBody('text/csv')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: EXAMPLE }, description: 'General-ledger lines, a header line first (columns in any order; cost_pool or cost_center per line)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Without importId: names the import (per caller), so a retry of the same file is a replay' })
  @ApiOperation({
    summary: 'Import general-ledger lines from a CSV file (streamed)',
    description:
      'Read and checked line by line as it arrives (progress at GET /finance/ledger-imports/:id). Any bad line and nothing is imported: 400 lists every bad line ' +
      'by number (the first 100). Amounts are decimal strings with at most the currency’s decimals; each line keeps its source_reference. The same file under ' +
      'another import is refused (409).',
  })
  @ApiCreatedResponse({ type: LedgerImportResponse })
  @ApiOkResponse({ type: LedgerImportResponse, description: 'This import already holds this very file (a replay)' })
  async import(
    @Req() request: Request,
    @Query() query: ImportLedgerQuery,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<LedgerImportResponse>> {
    if (!request.is('text/csv')) throw new ProblemException({ status: 415, detail: 'Send the ledger file as text/csv' });
    const key = request.headers['idempotency-key'];
    const importId = query.importId ?? (typeof key === 'string' && key.length > 0 ? derivedId('ledger-import', `${metadata.actor.id}:${key}`) : undefined);
    const length = Number(request.headers['content-length']);
    const result = await this.handler.execute(
      { importId, fileName: query.fileName ?? null, body: request, bytesExpected: Number.isSafeInteger(length) ? length : null },
      metadata,
    );
    announceWrite(response, result.events, `/${FINANCE_ROUTE}/ledger-imports/${result.id}`);
    if (result.replayed) {
      response.status(200);
      if (typeof key === 'string') response.setHeader('Idempotent-Replayed', 'true');
    }
    return withETag(LedgerImportResponse.of({ ...result.run, imported: result.state }), result.revision);
  }
}
