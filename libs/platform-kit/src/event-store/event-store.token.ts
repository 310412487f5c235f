/** Injection token of the EventStore port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** Injection token of the SQL database next to the log (`SqlExecutor`). */
export const SQL_DATABASE = Symbol('SQL_DATABASE');
/** Injection token of the opened `EventLog` (store + database). */
export const EVENT_LOG = Symbol('EVENT_LOG');
