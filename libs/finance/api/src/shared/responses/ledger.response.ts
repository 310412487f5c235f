import { ApiProperty } from '@nestjs/swagger';
import type { LedgerImportStatus } from '@itsm/finance-application';
import type { LedgerImportView, LedgerLineView } from '../finance-read-models.port';
import { MoneyResponse } from './money.response';

export class LedgerLineErrorResponse {
  @ApiProperty({ example: 7, description: 'The line number in the file (the header is line 1)' })
  line!: number;

  @ApiProperty({ type: [String] })
  problems!: string[];
}

/** Where an import stands: progress while it runs, its bad lines when rejected, its totals once imported. */
export class LedgerImportResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['running', 'imported', 'rejected', 'failed'] })
  status!: string;

  @ApiProperty({ nullable: true, type: String })
  fileName!: string | null;

  @ApiProperty({ description: 'Lines read and checked so far (the header not counted)' })
  processed!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Lines of the file once read to the end' })
  total!: number | null;

  @ApiProperty()
  bytesReceived!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Content-Length of the upload, when sent' })
  bytesExpected!: number | null;

  @ApiProperty({ nullable: true, type: String })
  contentSha256!: string | null;

  @ApiProperty({ description: 'Bad lines found; nothing is imported when there is one' })
  errorCount!: number;

  @ApiProperty({ type: [LedgerLineErrorResponse], description: 'The first 100 bad lines' })
  errors!: LedgerLineErrorResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Why the whole file was refused (its header, its size)' })
  failure!: string | null;

  @ApiProperty({ type: [MoneyResponse], description: 'Sum of the lines per currency' })
  totals!: MoneyResponse[];

  @ApiProperty({ format: 'date', nullable: true, type: String })
  firstPostedOn!: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  lastPostedOn!: string | null;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  finishedAt!: string | null;

  static of(status: Omit<LedgerImportStatus, 'revision' | 'imported'> & { imported?: LedgerImportStatus['imported'] }): LedgerImportResponse {
    return {
      id: status.importId,
      status: status.status,
      fileName: status.fileName,
      processed: status.processed,
      total: status.total,
      bytesReceived: status.bytesReceived,
      bytesExpected: status.bytesExpected,
      contentSha256: status.contentSha256,
      errorCount: status.errorCount,
      errors: status.errors,
      failure: status.failure,
      totals: status.totals,
      firstPostedOn: status.imported?.firstPostedOn ?? null,
      lastPostedOn: status.imported?.lastPostedOn ?? null,
      startedAt: status.startedAt,
      finishedAt: status.finishedAt,
    };
  }
}

export class LedgerImportListItem {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ nullable: true, type: String })
  fileName!: string | null;

  @ApiProperty()
  contentSha256!: string;

  @ApiProperty()
  lineCount!: number;

  @ApiProperty({ type: [MoneyResponse] })
  totals!: MoneyResponse[];

  @ApiProperty({ format: 'date' })
  firstPostedOn!: string;

  @ApiProperty({ format: 'date' })
  lastPostedOn!: string;

  @ApiProperty({ format: 'date-time' })
  importedAt!: string;

  @ApiProperty()
  importedBy!: string;

  static ofView(view: LedgerImportView): LedgerImportListItem {
    return { ...view };
  }
}

export class LedgerImportPageResponse {
  @ApiProperty({ type: [LedgerImportListItem] })
  items!: LedgerImportListItem[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class LedgerTargetResponse {
  @ApiProperty({ enum: ['cost-pool', 'cost-center'] })
  kind!: string;

  @ApiProperty({ format: 'uuid' })
  id!: string;
}

export class LedgerLineResponse {
  @ApiProperty({ format: 'uuid' })
  importId!: string;

  @ApiProperty()
  lineNumber!: number;

  @ApiProperty({ format: 'date' })
  postedOn!: string;

  @ApiProperty()
  account!: string;

  @ApiProperty({ type: LedgerTargetResponse })
  target!: LedgerTargetResponse;

  @ApiProperty({ type: MoneyResponse })
  amount!: MoneyResponse;

  @ApiProperty({ description: 'The ledger’s own reference of the line' })
  sourceReference!: string;

  @ApiProperty()
  description!: string;

  static ofView(view: LedgerLineView): LedgerLineResponse {
    return { ...view };
  }
}

export class LedgerLinePageResponse {
  @ApiProperty({ type: [LedgerLineResponse] })
  items!: LedgerLineResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
