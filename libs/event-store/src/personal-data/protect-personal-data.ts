import type { EventStore } from '../event-store.port';
import { eventLogSchema } from '../postgres/event-log-schema';
import type { SqlExecutor } from '../postgres/sql-executor.port';
import { onceDdl } from '../sequences/idempotent-ddl';
import { PersonalDataEventStore } from './personal-data-event-store';
import type { PersonalDataPolicy } from './personal-data-policy';
import { PersonalDataVault } from './personal-data-vault';
import { SqlSubjectKeys, subjectKeysDdl } from './sql-subject-keys';
import type { SubjectKeys } from './subject-keys.port';

export interface ProtectPersonalDataOptions {
  keys: SubjectKeys;
  policy: PersonalDataPolicy;
  cacheSize?: number;
}

/** `store` with personal fields encrypted per data subject on append and decrypted on read. */
export const protectPersonalData = (store: EventStore, { keys, policy, cacheSize }: ProtectPersonalDataOptions): PersonalDataEventStore => {
  const vault = new PersonalDataVault({
    keys,
    policy,
    cacheSize,
    firstStoredEvent: async (streamId) => (await store.readStream(streamId, { toRevision: 0 }))[0],
  });
  return new PersonalDataEventStore(store, vault, keys.onErased);
};

export interface SqlKeyTableOptions {
  /** The log's schema (default `event_store`), where migration 4 created the key table. */
  schema?: string;
  /** Create the key table when it is missing: for a log whose events are not in this database (EventStoreDB). */
  createTable?: boolean;
}

/** The key table of the log's SQL database: the same on a server, the embedded PostgreSQL and PGlite. */
export const sqlSubjectKeys = async (db: SqlExecutor, { schema, createTable = false }: SqlKeyTableOptions = {}): Promise<SqlSubjectKeys> => {
  const names = eventLogSchema(schema);
  if (createTable) await onceDdl(db, `CREATE SCHEMA IF NOT EXISTS "${names.schema}"; ${subjectKeysDdl(names)}`)();
  return new SqlSubjectKeys(db, names);
};
