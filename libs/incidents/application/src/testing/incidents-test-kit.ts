import { randomBytes } from 'node:crypto';
import { calendarStreamId, serviceStreamId, type SlaTargets, type SupportCalendar } from '@itsm/contracts';
import { newId, type EventMetadata } from '@itsm/event-sourcing';
import {
  createPgExecutor,
  createPgliteEventStore,
  createPgliteExecutor,
  createPostgresEventStore,
  openPglite,
  type EventStore,
  type SqlExecutor,
} from '@itsm/event-store';
import { ProjectionRuntime } from '@itsm/projections';
import { incidentsCatalogProjection } from '../catalog-copy/incidents-catalog.projection';
import { SqlIncidentCatalog } from '../catalog-copy/sql-incident-catalog.adapter';
import { ManualClock } from '../clock.port';
import type { RequestMetadata } from '../command-options';
import { IncidentCommands } from '../incidents/incident-commands';
import { SqlIncidentNumberAllocator } from '../incidents/incident-number-allocator';
import { SlaScheduler } from '../sla/sla-scheduler';
import { SlaTimerStore } from '../sla/sla-timer-store';

export const requestMetadata: RequestMetadata = { actor: { id: 'agent-1', role: 'agent', via: 'api' }, correlationId: 'corr-1' };
const catalogMetadata: EventMetadata = { actor: { id: 'owner-1', role: 'service-owner', via: 'api' }, correlationId: 'catalog' };

export const slaTargets = (): SlaTargets => ({
  P1: { responseMinutes: 15, resolutionMinutes: 240 },
  P2: { responseMinutes: 30, resolutionMinutes: 480 },
  P3: { responseMinutes: 60, resolutionMinutes: 1440 },
  P4: { responseMinutes: 240, resolutionMinutes: 2880 },
  P5: { responseMinutes: 480, resolutionMinutes: 5760 },
});

export const allDayCalendar = (): SupportCalendar => ({
  name: '24x7 UTC',
  timeZone: 'UTC',
  weeklyHours: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({ day, from: '00:00', to: '24:00' })),
  holidays: [],
});

export interface IncidentsTestKit {
  store: EventStore;
  db: SqlExecutor;
  catalog: SqlIncidentCatalog;
  timers: SlaTimerStore;
  clock: ManualClock;
  commands: IncidentCommands;
  /** A scheduler of its own (as another process would run), on its own database connection when the server is used. */
  scheduler(): SlaScheduler;
  /** Publishes a live service with one default offering on a new calendar, as the catalog would; returns their ids. */
  publishService(calendar?: SupportCalendar): Promise<{ serviceId: string; offeringId: string; calendarId: string }>;
  publishCalendarUpdate(calendarId: string, calendar: SupportCalendar): Promise<void>;
  /** Brings the catalog copy up to the log's head. */
  syncCatalog(): Promise<void>;
  close(): Promise<void>;
}

const randomName = (label: string): string => `${label}_${randomBytes(5).toString('hex')}`;
export const testDatabaseUrl = (): string => process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

interface Backing {
  store: EventStore;
  db: SqlExecutor;
  openExecutor(): SqlExecutor;
  dispose(): Promise<void>;
}

const pgliteBacking = async (): Promise<Backing> => {
  const pglite = await openPglite();
  const store = await createPgliteEventStore({ db: pglite });
  const db = createPgliteExecutor(pglite, { ownsDatabase: false });
  return {
    store,
    db,
    openExecutor: () => db,
    async dispose() {
      await store.close();
      await pglite.close();
    },
  };
};

const postgresBacking = async (schemas: string[]): Promise<Backing> => {
  const connectionString = testDatabaseUrl();
  const logSchema = randomName('inc_log');
  const store = await createPostgresEventStore({ connectionString, schema: logSchema, pollIntervalMs: 50 });
  const executors: SqlExecutor[] = [];
  const openExecutor = () => {
    const executor = createPgExecutor({ connectionString, max: 4 });
    executors.push(executor);
    return executor;
  };
  return {
    store,
    db: openExecutor(),
    openExecutor,
    async dispose() {
      await store.close();
      const admin = createPgExecutor({ connectionString, max: 1 });
      for (const name of [logSchema, ...schemas]) await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      await admin.close();
      await Promise.allSettled(executors.map((executor) => executor.close()));
    },
  };
};

/** The incidents' command side, catalog copy and SLA timers on in-memory PGlite or the PostgreSQL server (random schemas). */
export const openIncidentsTestKit = async (on: 'pglite' | 'postgres', start: string): Promise<IncidentsTestKit> => {
  const catalogSchema = randomName('inc_catalog');
  const checkpointSchema = randomName('inc_cp');
  const incidentsSchema = randomName('incidents');
  const backing = on === 'pglite' ? await pgliteBacking() : await postgresBacking([catalogSchema, checkpointSchema, incidentsSchema]);
  const { store, db } = backing;
  const runtime = await ProjectionRuntime.create({
    db,
    source: store,
    projections: [incidentsCatalogProjection],
    schema: catalogSchema,
    checkpointSchema,
  });
  const catalog = new SqlIncidentCatalog(db, catalogSchema);
  const timers = new SlaTimerStore(db, incidentsSchema);
  const clock = new ManualClock(new Date(start));
  const commands = new IncidentCommands({ store, catalog, timers, clock, numbers: new SqlIncidentNumberAllocator(db, incidentsSchema) });
  const append = (streamId: string, events: { type: string; data: unknown }[]) =>
    store.appendToStream(streamId, events.map((event) => ({ ...event, metadata: catalogMetadata })), { expectedRevision: 'any' });
  return {
    store,
    db,
    catalog,
    timers,
    clock,
    commands,
    scheduler: () => {
      const executor = backing.openExecutor();
      return new SlaScheduler({ store, catalog: new SqlIncidentCatalog(executor, catalogSchema), timers: new SlaTimerStore(executor, incidentsSchema), clock });
    },
    async publishService(calendar = allDayCalendar()) {
      const [serviceId, offeringId, calendarId] = [newId(), newId(), newId()];
      await append(calendarStreamId(calendarId), [{ type: 'CalendarCreated', data: { calendarId, ...calendar } }]);
      const details = { name: 'Email', kind: 'technical', description: 'Mail', ownerGroup: 'platform', supportGroup: 'ops' };
      await append(serviceStreamId(serviceId), [
        { type: 'ServiceRegistered', data: { serviceId, number: 'SVC0000001', lifecycle: 'pipeline', registeredAt: start, ...details } },
        { type: 'ServiceWentLive', data: { serviceId, wentLiveAt: start } },
        { type: 'ServiceOfferingAdded', data: { serviceId, offeringId, name: 'Gold', calendarId, default: true, slaTargets: slaTargets() } },
        { type: 'ServiceDefaultOfferingChanged', data: { serviceId, defaultOfferingId: offeringId, previousDefaultOfferingId: null } },
      ]);
      await runtime.catchUp();
      return { serviceId, offeringId, calendarId };
    },
    async publishCalendarUpdate(calendarId, calendar) {
      await append(calendarStreamId(calendarId), [{ type: 'CalendarUpdated', data: { calendarId, ...calendar } }]);
      await runtime.catchUp();
    },
    syncCatalog: async () => {
      await runtime.catchUp();
    },
    async close() {
      await runtime.stop();
      await backing.dispose();
    },
  };
};
