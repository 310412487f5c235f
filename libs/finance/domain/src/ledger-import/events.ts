// The ledger-import stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { LedgerImported, LedgerImportEvent, LedgerLinesImported, LedgerLineV1 } from '@itsm/contracts';
