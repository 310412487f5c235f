import { Inject, Injectable } from '@nestjs/common';
import type { CompletedLedgerImport } from '@itsm/finance-domain';
import { FinanceNotFound } from '../errors';
import { LEDGER_IMPORT_RUNS } from '../nest/finance-application.tokens';
import type { LedgerImportRun, LedgerImportRuns } from '../ports/ledger-import-runs.port';
import { isUuid } from '../stream-ids';
import { LedgerImportStreams } from '../streams/finance-streams';

export interface LedgerImportStatus extends LedgerImportRun {
  /** The import as the log holds it once imported (its ETag is the stream revision). */
  imported: CompletedLedgerImport | null;
  revision: number;
}

/**
 * Where an import stands: its run's progress (read, checked, rejected with its bad lines) and, once imported, what
 * the log holds. The log wins: an import in the log is imported, whatever a later run of the same id said.
 */
@Injectable()
export class LedgerImportStatusQuery {
  constructor(
    private readonly streams: LedgerImportStreams,
    @Inject(LEDGER_IMPORT_RUNS) private readonly runs: LedgerImportRuns,
  ) {}

  async execute(importId: string): Promise<LedgerImportStatus> {
    if (!isUuid(importId)) throw new FinanceNotFound('ledger import', importId);
    const id = importId.toLowerCase();
    const [run, stream] = await Promise.all([this.runs.get(id), this.streams.loadEvenIfAbsent(id)]);
    const imported = stream.state.status === 'imported' ? stream.state : null;
    if (imported !== null) {
      const base = run ?? { errors: [], bytesReceived: 0, bytesExpected: null, startedBy: '', startedAt: imported.importedAt };
      return {
        ...base,
        importId: id,
        status: 'imported',
        fileName: imported.fileName,
        processed: imported.lineCount,
        total: imported.lineCount,
        contentSha256: imported.contentSha256,
        errorCount: 0,
        errors: [],
        failure: null,
        totals: imported.totals,
        finishedAt: run?.status === 'imported' ? run.finishedAt : imported.importedAt,
        imported,
        revision: stream.revision,
      };
    }
    if (run === null) throw new FinanceNotFound('ledger import', id);
    return { ...run, imported: null, revision: stream.revision };
  }
}
