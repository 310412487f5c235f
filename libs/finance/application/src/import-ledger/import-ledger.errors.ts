import type { LedgerImportRun } from '../ports/ledger-import-runs.port';

/** The file was read to the end and has bad lines (or no usable header): nothing was imported (the API answers 400). */
export class LedgerImportRejected extends Error {
  override readonly name = 'LedgerImportRejected';
  constructor(readonly run: LedgerImportRun) {
    super(run.failure === null ? `${run.errorCount} bad line${run.errorCount === 1 ? '' : 's'} in the ledger file: nothing was imported` : `${run.failure} (nothing was imported)`);
  }
}

/** Another request is importing under the same id right now (the API answers 409). */
export class LedgerImportRunning extends Error {
  override readonly name = 'LedgerImportRunning';
  constructor(readonly importId: string) {
    super(`Ledger import ${importId} is running; follow it at GET /finance/ledger-imports/${importId}`);
  }
}

/** The body is larger than an import takes (the API answers 413). */
export class LedgerFileTooLarge extends Error {
  override readonly name = 'LedgerFileTooLarge';
  constructor(readonly maxBytes: number) {
    super(`A ledger file may have at most ${maxBytes} bytes; split it into several imports`);
  }
}
