import type { DomainEvent } from '@itsm/event-sourcing';
import type { MoneyV1 } from './money';

/*
 * Published events of the ledger-import stream (`ledger-import-<uuid>`): one import of general-ledger lines (a CSV
 * file), all or nothing. One append holds `LedgerImported` (what was imported, with its totals) and then the lines
 * in chunks (`LedgerLinesImported`), so that a large import is a few events rather than one per line. Schema
 * version 1 unless `FINANCE_EVENT_SCHEMA_VERSIONS` says otherwise.
 */

/** Where a ledger line's cost lands: a cost pool (to be shared out) or a cost center directly. */
export interface LedgerTargetV1 {
  kind: 'cost-pool' | 'cost-center';
  id: string;
}

export interface LedgerLineV1 {
  /** The line's number in the file (the header is line 1). */
  lineNumber: number;
  /** The booking day, YYYY-MM-DD: it decides the period. */
  postedOn: string;
  /** The general-ledger account ("6200", "OPEX-LICENCES"). */
  account: string;
  target: LedgerTargetV1;
  /** Negative: a credit (a refund, a correction). In the line's own currency. */
  amount: MoneyV1;
  /** The ledger's id of the line (journal entry, invoice line): kept so every figure can be traced back. */
  sourceReference: string;
  description: string;
}

export interface LedgerImportedV1 {
  importId: string;
  /** sha256 (hex) of the file as received: the same file again is recognised. */
  contentSha256: string;
  fileName: string | null;
  lineCount: number;
  /** Number of `LedgerLinesImported` events that follow in the same append. */
  chunkCount: number;
  /** The sum of the lines per currency, sorted by currency. */
  totals: MoneyV1[];
  /** The first and last booking day of the lines. */
  firstPostedOn: string;
  lastPostedOn: string;
  importedAt: string;
}

export interface LedgerLinesImportedV1 {
  importId: string;
  /** 1, 2, … in file order. */
  chunk: number;
  lines: LedgerLineV1[];
}

export type LedgerImported = DomainEvent<'LedgerImported', LedgerImportedV1>;
export type LedgerLinesImported = DomainEvent<'LedgerLinesImported', LedgerLinesImportedV1>;

export type LedgerImportEvent = LedgerImported | LedgerLinesImported;
export type LedgerImportEventType = LedgerImportEvent['type'];
export const LEDGER_IMPORT_EVENT_TYPES: readonly LedgerImportEventType[] = ['LedgerImported', 'LedgerLinesImported'];
