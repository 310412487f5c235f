/** Names of the event log's objects in one PostgreSQL schema; every statement is schema-qualified. */
export interface EventLogSchema {
  readonly schema: string;
  readonly events: string;
  readonly migrations: string;
  /** Key text for `pg_advisory_xact_lock(hashtext(...))` taken by every append (see append-events.ts). */
  readonly appendLockKey: string;
  /** Key text of the lock that lets one process at a time migrate the schema. */
  readonly migrationLockKey: string;
  /** LISTEN/NOTIFY channel signalled by every append. */
  readonly channel: string;
  /** The data subjects' keys (personal data, issue 12 point 6) and the secret of subject references. */
  readonly subjectKeys: string;
  readonly subjectRefSecret: string;
  /** LISTEN/NOTIFY channel signalled when a subject's keys are erased (other processes drop cached keys). */
  readonly erasureChannel: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export const DEFAULT_EVENT_LOG_SCHEMA = 'event_store';

export const eventLogSchema = (schema: string = DEFAULT_EVENT_LOG_SCHEMA): EventLogSchema => {
  // Names end up inside SQL text, so only plain lower-case identifiers are accepted.
  if (!IDENTIFIER.test(schema)) {
    throw new Error(`Invalid event store schema name "${schema}": use lower-case letters, digits and _`);
  }
  return {
    schema,
    events: `"${schema}".events`,
    migrations: `"${schema}".schema_migrations`,
    appendLockKey: `itsm-event-store:${schema}:append`,
    migrationLockKey: `itsm-event-store:${schema}:migrate`,
    channel: `${schema}_events_appended`,
    subjectKeys: `"${schema}".subject_keys`,
    subjectRefSecret: `"${schema}".subject_ref_secret`,
    erasureChannel: `${schema}_subject_erased`,
  };
};
