import type { MoneyV1 } from '@itsm/contracts';

/** A bad line of a ledger file: its number in the file (the header is line 1) and everything wrong with it. */
export interface LedgerLineError {
  line: number;
  problems: string[];
}

export type LedgerImportRunStatus = 'running' | 'imported' | 'rejected' | 'failed';

/**
 * One run of a ledger import as it progresses: how much of the body was read and checked, and how it ended. An
 * imported run's lines are in the log (`ledger-import-<id>`); a rejected run imported nothing and keeps its errors
 * here only.
 */
export interface LedgerImportRun {
  importId: string;
  status: LedgerImportRunStatus;
  fileName: string | null;
  /** Lines read and checked so far (the header not counted). */
  processed: number;
  /** Lines of the file once it has been read to the end; null while reading. */
  total: number | null;
  bytesReceived: number;
  /** The body's Content-Length when the client sent one. */
  bytesExpected: number | null;
  contentSha256: string | null;
  /** Bad lines found (all of them counted; the first `MAX_REPORTED_LINE_ERRORS` listed). */
  errorCount: number;
  errors: LedgerLineError[];
  /** When the whole file could not be taken (the header, the body ended early, too large). */
  failure: string | null;
  totals: MoneyV1[];
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
}

/** Where import runs keep their progress, shared by every process on the database (`GET /finance/ledger-imports/:id`). */
export interface LedgerImportRuns {
  /** Starts a run; false when a run of this id is still running (within its lease). */
  start(run: Pick<LedgerImportRun, 'importId' | 'fileName' | 'bytesExpected' | 'startedBy'>, now: Date): Promise<boolean>;
  progress(importId: string, progress: Pick<LedgerImportRun, 'processed' | 'bytesReceived' | 'errorCount'>, now: Date): Promise<void>;
  finish(importId: string, outcome: Omit<LedgerImportRun, 'importId' | 'fileName' | 'bytesExpected' | 'startedBy' | 'startedAt' | 'finishedAt'>, now: Date): Promise<void>;
  get(importId: string): Promise<LedgerImportRun | null>;
}
