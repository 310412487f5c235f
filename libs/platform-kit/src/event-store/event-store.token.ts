/** Injection token of the EventStore port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/**
 * Injection token of the log as stored (personal fields as ciphertext): only for what must see the stored form —
 * verification, the audit tree, proofs, exports. Everything else takes EVENT_STORE.
 */
export const STORED_EVENT_STORE = Symbol('STORED_EVENT_STORE');
/** Injection token of the `PersonalDataVault` (subject references, erasure). */
export const PERSONAL_DATA_VAULT = Symbol('PERSONAL_DATA_VAULT');
/** Injection token of the SQL database next to the log (`SqlExecutor`). */
export const SQL_DATABASE = Symbol('SQL_DATABASE');
/** Injection token of the opened `EventLog` (store + database). */
export const EVENT_LOG = Symbol('EVENT_LOG');
/** Injection token of the kernel's `WritePipeline` on the process's event store (every context's command handlers). */
export const WRITE_PIPELINE = Symbol('WRITE_PIPELINE');
/** Injection token of the `ExclusiveSections` shared by every process on the SQL database (rules across aggregates). */
export const EXCLUSIVE_SECTIONS = Symbol('EXCLUSIVE_SECTIONS');
