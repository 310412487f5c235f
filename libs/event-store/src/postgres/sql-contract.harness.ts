import { randomBytes } from 'node:crypto';
import type { NewEvent } from '@itsm/event-sourcing';
import type { EventStore } from '../event-store.port';
import type { EventStoreContractHarness, HeldAppend } from '../testing/event-store-contract.harness';
import { appendInTransaction } from './append-events';
import { createPgliteEventStore, createPostgresEventStore } from './create-postgres-event-store';
import { eventLogSchema, type EventLogSchema } from './event-log-schema';
import { createPgExecutor } from './pg-executor.adapter';
import { createPgliteExecutor, openPglite } from './pglite-executor.adapter';
import type { SqlExecutor } from './sql-executor.port';

/** A schema name no other test run uses. */
export const randomSchemaName = (label: string): string => `${label}_${randomBytes(6).toString('hex')}`;

interface HeldTransaction {
  xid: string;
  pid: number;
}

const refusalOf = (attempt: Promise<unknown>): Promise<unknown> => attempt.then(() => undefined, (error: unknown) => error);

/** Hooks that work on any SQL executor reaching the log's tables directly. */
const sqlHooks = (admin: SqlExecutor, names: EventLogSchema) => ({
  async tamperWithEvent(streamId: string, revision: number, data: unknown) {
    await admin.transaction(async (tx) => {
      // Replica mode skips ordinary triggers: what a superuser could do, and why the hash chain exists.
      await tx.query('SET LOCAL session_replication_role = replica');
      const changed = await tx.query(
        // Its canonical text too: the check constraint of migration 6 refuses one without the other, triggers or not.
        `UPDATE ${names.events} SET data = $3::text::jsonb, canonical_data = $3 WHERE stream_id = $1 AND stream_revision = $2 RETURNING 1`,
        [streamId, revision, JSON.stringify(data)],
      );
      if (changed.length !== 1) throw new Error(`No event ${streamId}@${revision} to tamper with`);
    });
    return { tamperedRevision: revision };
  },
  async attemptRewrite(streamId: string) {
    return {
      updateError: await refusalOf(admin.query(`UPDATE ${names.events} SET type = type || '-rewritten' WHERE stream_id = $1`, [streamId])),
      deleteError: await refusalOf(admin.query(`DELETE FROM ${names.events} WHERE stream_id = $1`, [streamId])),
    };
  },
});

/** Contract harness on a PostgreSQL server: a random schema, dropped in `dispose()`. */
export const postgresContractHarness = async (connectionString: string): Promise<EventStoreContractHarness> => {
  const schema = randomSchemaName('contract');
  const names = eventLogSchema(schema);
  const admin = createPgExecutor({ connectionString, max: 2 });
  const stores: EventStore[] = [];
  const open = async () => {
    const store = await createPostgresEventStore({ connectionString, schema, pollIntervalMs: 100 });
    stores.push(store);
    return store;
  };
  return {
    store: await open(),
    reopen: open,
    ...sqlHooks(admin, names),
    async holdAppendOpen(streamId: string, events: NewEvent[]): Promise<HeldAppend> {
      let written: (held: HeldTransaction) => void = () => undefined;
      let release = (): void => undefined;
      const rowsWritten = new Promise<HeldTransaction>((resolve) => (written = resolve));
      const commitAllowed = new Promise<void>((resolve) => (release = resolve));
      const committed = admin.transaction(async (tx) => {
        await appendInTransaction(tx, names, { streamId, events, expectedRevision: 'any' });
        // Which transaction and server process hold the append, so that another connection can ask about them.
        const [held] = await tx.query<HeldTransaction>('SELECT pg_current_xact_id()::text AS xid, pg_backend_pid() AS pid');
        written(held);
        await commitAllowed;
      });
      const { xid, pid } = await Promise.race([rowsWritten, committed.then(() => rowsWritten)]);
      return {
        // Asked on the admin pool's other connection (the held transaction keeps one).
        isOpen: async () => {
          const [{ status }] = await admin.query<{ status: string }>('SELECT pg_xact_status($1::xid8) AS status', [xid]);
          return status === 'in progress';
        },
        waitingBehind: async () => {
          const [{ waiting }] = await admin.query<{ waiting: number }>(
            'SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE $1::int = ANY (pg_blocking_pids(pid))',
            [pid],
          );
          return Number(waiting);
        },
        release: async () => {
          release();
          await committed;
        },
      };
    },
    async dispose() {
      await Promise.all(stores.map((store) => store.close()));
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.close();
    },
  };
};

/**
 * Contract harness on in-memory PGlite. Reopened stores share the one database (an in-memory PGlite cannot
 * be opened twice); no `holdAppendOpen`, since PGlite's single connection serializes transactions.
 */
export const pgliteContractHarness = async (): Promise<EventStoreContractHarness> => {
  const db = await openPglite();
  const names = eventLogSchema();
  const admin = createPgliteExecutor(db, { ownsDatabase: false });
  const stores: EventStore[] = [];
  const open = async () => {
    const store = await createPgliteEventStore({ db, pollIntervalMs: 100 });
    stores.push(store);
    return store;
  };
  return {
    store: await open(),
    reopen: open,
    ...sqlHooks(admin, names),
    async dispose() {
      await Promise.all(stores.map((store) => store.close()));
      await db.close();
    },
  };
};
