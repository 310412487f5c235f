/** The checkpoints' signing key (`NoteSigner`). */
export const AUDIT_SIGNER = Symbol('AUDIT_SIGNER');
/** The log's name in every checkpoint (ITSM_AUDIT_ORIGIN). */
export const AUDIT_ORIGIN = Symbol('AUDIT_ORIGIN');
/** `CheckpointCopies` of ITSM_AUDIT_CHECKPOINT_COPY_DIR, or null. */
export const AUDIT_COPIES = Symbol('AUDIT_COPIES');
/** `SqlEventLogQueries` on the log's table, or null when the log is in EventStoreDB. */
export const AUDIT_EVENT_QUERIES = Symbol('AUDIT_EVENT_QUERIES');
