export * from './commands';
export * from './events';
export * from './ledger-line';
export type { CompletedLedgerImport, InitialLedgerImport, LedgerImport } from './state';
export { evolve as evolveLedgerImport, initialState as initialLedgerImport } from './state';
export { LEDGER_LINES_PER_CHUNK, ledgerImportDecider, MAX_LEDGER_LINES } from './decide';
