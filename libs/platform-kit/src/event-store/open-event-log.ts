import { PERSONAL_DATA_FIELDS } from '@itsm/contracts';
import {
  createEventStoreDbEventStore,
  createPgExecutor,
  createPostgresEventStore,
  protectPersonalData,
  sqlSubjectKeys,
  type EventStore,
  type PersonalDataVault,
  type SqlExecutor,
} from '@itsm/event-store';
import { traceEventStore, tracingEnabled } from '@itsm/telemetry';
import type { RuntimeConfig } from '../config/runtime-config';
import { dataDirectoryHolder } from '../data-directory/data-directory-lock';
import { openEmbeddedDatabase, type EmbeddedDatabaseLog } from './embedded-database';

export type EventLogConfig = Pick<RuntimeConfig, 'DATABASE_URL' | 'EVENTSTORE_URL' | 'ITSM_DATA_DIR'> &
  Partial<Pick<RuntimeConfig, 'ITSM_EMBEDDED_ENGINE'>>;

export type EventStoreKind = 'eventstoredb' | 'postgres' | 'embedded-postgres' | 'pglite';

export const eventStoreKindOf = (config: Pick<RuntimeConfig, 'EVENTSTORE_URL' | 'DATABASE_URL'> & Partial<Pick<RuntimeConfig, 'ITSM_EMBEDDED_ENGINE'>>): EventStoreKind =>
  config.EVENTSTORE_URL ? 'eventstoredb' : config.DATABASE_URL ? 'postgres' : config.ITSM_EMBEDDED_ENGINE === 'pglite' ? 'pglite' : 'embedded-postgres';

/** The event log and the SQL database next to it (read models, relay checkpoints, handled-event records). */
export interface EventLog {
  /**
   * The log as every reader and writer uses it: personal fields encrypted on append and decrypted on read (erased
   * subjects' fields read as `[erased]`), below the pipeline, projections, processes and the relay.
   */
  store: EventStore;
  /**
   * The log as stored (personal fields as ciphertext envelopes): what the hash chain and the audit tree cover, for
   * verification, checkpoints, proofs, backups and exports only.
   */
  storedStore: EventStore;
  /** Subject references and erasure (`itsm erase`, POST /admin/subjects/:id/erase). */
  personalData: PersonalDataVault;
  db: SqlExecutor;
  /**
   * The PostgreSQL server that holds the log, when one does (not PGlite, not EventStoreDB): `itsm verify` reads it
   * on connections of its own, in parallel.
   */
  logConnectionString?: string;
  /** Where the log lives, in words for the start-up banner and the CLI. */
  description: string;
  close(): Promise<void>;
}

export interface OpenEventLogOptions {
  /** Who opens the log (`platform`, `itsm seed incidents`): written into the data directory's lock. */
  command?: string;
  /** Steps of the embedded database (initialisation, recovery, shutdown); silent when omitted. */
  log?: EmbeddedDatabaseLog;
}

/**
 * The runtime shape is configuration (DESIGN §1): SQL goes to the PostgreSQL server of DATABASE_URL, else to
 * the embedded database in the data folder (a PostgreSQL server this process starts, which then also holds the
 * log). The log is EventStoreDB when EVENTSTORE_URL is set.
 */
export const openEventLog = async (config: EventLogConfig, options: OpenEventLogOptions = {}): Promise<EventLog> => {
  const sql = config.DATABASE_URL
    ? openServerDatabase(config.DATABASE_URL)
    : await openEmbeddedDatabase(config.ITSM_DATA_DIR, config.ITSM_EMBEDDED_ENGINE ?? 'postgres', {
        command: options.command ?? 'itsm',
        log: options.log ?? (() => undefined),
      });
  try {
    const stored = config.EVENTSTORE_URL ? createEventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL }) : await sql.openStore();
    // The key table lives in the log's schema (migration 4); beside EventStoreDB, in the SQL database's schema of that name.
    const store = protectPersonalData(stored, { keys: await sqlSubjectKeys(sql.db, { createTable: Boolean(config.EVENTSTORE_URL) }), policy: PERSONAL_DATA_FIELDS });
    return {
      // With tracing on, every append is a span whose context the events keep (their traceparent).
      store: tracingEnabled() ? traceEventStore(store) : store,
      storedStore: stored,
      personalData: store.vault,
      db: sql.db,
      logConnectionString: config.EVENTSTORE_URL ? undefined : sql.connectionString,
      description: config.EVENTSTORE_URL ? `EventStoreDB (SQL: ${sql.description})` : sql.description,
      async close() {
        await store.close();
        await sql.close();
      },
    };
  } catch (error) {
    await sql.close();
    throw error;
  }
};

/** host:port/database of a connection string, without credentials. */
const serverAddress = (connectionString: string): string => {
  try {
    const url = new URL(connectionString);
    return `${url.host}${url.pathname}`;
  } catch {
    return '(from DATABASE_URL)';
  }
};

const openServerDatabase = (connectionString: string) => {
  const db = createPgExecutor({ connectionString, max: 4 });
  return {
    db,
    connectionString,
    description: `PostgreSQL server ${serverAddress(connectionString)}`,
    openStore: () => createPostgresEventStore({ connectionString }),
    close: () => db.close(),
  };
};

/**
 * For readers that may run beside a live platform (`itsm backup`, `itsm verify`): when another process holds
 * the embedded data directory, its PostgreSQL server is shared (a real server takes more than one client);
 * otherwise the log is opened as `openEventLog` does, lock included.
 */
export const openEventLogForReading = async (config: EventLogConfig, options: OpenEventLogOptions = {}): Promise<EventLog> => {
  const holder = config.DATABASE_URL || config.EVENTSTORE_URL ? undefined : dataDirectoryHolder(config.ITSM_DATA_DIR);
  if (!holder?.connectionString) return openEventLog(config, options);
  const shared = openServerDatabase(holder.connectionString);
  const stored = await createPostgresEventStore({ connectionString: holder.connectionString, poolSize: 2 });
  const store = protectPersonalData(stored, { keys: await sqlSubjectKeys(shared.db), policy: PERSONAL_DATA_FIELDS });
  return {
    store,
    storedStore: stored,
    personalData: store.vault,
    db: shared.db,
    logConnectionString: holder.connectionString,
    description: `embedded PostgreSQL of process ${holder.pid} in ${config.ITSM_DATA_DIR}`,
    async close() {
      await store.close();
      await shared.close();
    },
  };
};
