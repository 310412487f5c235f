/** The clock the finance handlers read "now" from (tests set it by hand). */
export const FINANCE_CLOCK = Symbol('FINANCE_CLOCK');

/** Finance's directory for its rules across aggregates (`FinanceDirectory` port). */
export const FINANCE_DIRECTORY = Symbol('FINANCE_DIRECTORY');

/** Finance's copy of the catalog (`FinanceCatalog` port). */
export const FINANCE_CATALOG = Symbol('FINANCE_CATALOG');

/** Finance's copy of incidents: logged work and SLA breaches (`FinanceIncidents` port). */
export const FINANCE_INCIDENTS = Symbol('FINANCE_INCIDENTS');

/** The ledger import runs' progress (`LedgerImportRuns` port). */
export const LEDGER_IMPORT_RUNS = Symbol('LEDGER_IMPORT_RUNS');

/** Finance's validated settings (`FinanceSettings`). */
export const FINANCE_SETTINGS = Symbol('FINANCE_SETTINGS');

/** The service credits a period's statements include (PeriodCredits). */
export const PERIOD_CREDITS = Symbol('PERIOD_CREDITS');
