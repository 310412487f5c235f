import { randomBytes } from 'node:crypto';
import { calendarStreamId, changeStreamId, serviceStreamId, type ChangeRaisedV1, type SlaTargets, type SupportCalendar } from '@itsm/contracts';
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
import { writePipelineOn } from '@itsm/platform-kit';
import { ProcessRunner, ProjectionRuntime } from '@itsm/projections';
import { DEFAULT_INCIDENT_POLICY } from '@itsm/incidents-domain';
import { SqlIncidentNumberAllocator } from '../adapters/sql-incident-number-allocator.adapter';
import { AssignIncidentHandler } from '../assign-incident/assign-incident.handler';
import { CancelIncidentHandler } from '../cancel-incident/cancel-incident.handler';
import { CloseIncidentHandler } from '../close-incident/close-incident.handler';
import { EscalateIncidentHandler } from '../escalate-incident/escalate-incident.handler';
import { incidentsCatalogProjection } from '../foreign/catalog-copy/incidents-catalog.projection';
import { SqlIncidentCatalog } from '../foreign/catalog-copy/sql-incident-catalog.adapter';
import { incidentsChangesProjection } from '../foreign/change-directory/incidents-changes.projection';
import { SqlChangeDirectory } from '../foreign/change-directory/sql-change-directory.adapter';
import { HoldIncidentHandler } from '../hold-incident/hold-incident.handler';
import { IncidentStreams } from '../incident-stream/incident-streams';
import { LinkIncidentHandler } from '../link-incident/link-incident.handler';
import { LogIncidentWorkHandler } from '../log-incident-work/log-incident-work.handler';
import { MajorIncidentHandler } from '../major-incident/major-incident.handler';
import { OpenIncidentHandler } from '../open-incident/open-incident.handler';
import { ManualClock } from '../ports/clock.port';
import { IncidentHierarchyProcess } from '../processes/incident-hierarchy/incident-hierarchy.process';
import { slaDueTimersProjection } from '../processes/sla-timers/sla-due-timers.projection';
import { SlaScheduler } from '../processes/sla-timers/sla-scheduler';
import { SlaTimerClaims } from '../processes/sla-timers/sla-timer-claims';
import { ReopenIncidentHandler } from '../reopen-incident/reopen-incident.handler';
import { ResolveIncidentHandler } from '../resolve-incident/resolve-incident.handler';
import { ResumeIncidentHandler } from '../resume-incident/resume-incident.handler';
import { StartIncidentHandler } from '../start-incident/start-incident.handler';
import { UpdateIncidentHandler } from '../update-incident/update-incident.handler';
import type { RequestMetadata } from '../command-options';

export const requestMetadata: RequestMetadata = { actor: { id: 'agent-1', role: 'agent', via: 'api' }, correlationId: 'corr-1' };
const catalogMetadata: EventMetadata = { actor: { id: 'owner-1', role: 'service-owner', via: 'api' }, correlationId: 'catalog' };

/** A `ChangeRaised` as the changes context publishes it (the incidents' copy keeps its id and number). */
export const changeRaised = (changeId: string, number: string, raisedAt = '2026-03-01T09:00:00.000Z'): ChangeRaisedV1 => ({
  changeId,
  number,
  type: 'normal',
  requesterId: 'requester-1',
  templateId: null,
  state: 'new',
  raisedAt,
  shortDescription: 'Upgrade the mail relay',
  description: 'Relay 2.4 to 2.5',
  justification: 'Security fix',
  serviceIds: ['0190f3a4-1111-7222-8333-944445555666'],
  implementationPlan: 'Roll the nodes one by one',
  backoutPlan: 'Roll back to 2.4',
  testPlan: 'Send a test mail',
  plannedStart: '2026-03-03T20:00:00.000Z',
  plannedEnd: '2026-03-03T22:00:00.000Z',
  implementer: { group: 'mail-ops', agent: null },
});

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

/** Every incident use case's handler, on the kit's store and clock. */
export interface IncidentHandlers {
  open: OpenIncidentHandler;
  assign: AssignIncidentHandler;
  start: StartIncidentHandler;
  hold: HoldIncidentHandler;
  resume: ResumeIncidentHandler;
  resolve: ResolveIncidentHandler;
  close: CloseIncidentHandler;
  reopen: ReopenIncidentHandler;
  cancel: CancelIncidentHandler;
  update: UpdateIncidentHandler;
  escalate: EscalateIncidentHandler;
  logWork: LogIncidentWorkHandler;
  major: MajorIncidentHandler;
  link: LinkIncidentHandler;
}

export interface IncidentsTestKit {
  store: EventStore;
  db: SqlExecutor;
  /** Schema of the kit's projections (the catalog and changes copies, the due SLA timers). */
  readModelSchema: string;
  catalog: SqlIncidentCatalog;
  /** The incidents' copy of changes. */
  changes: SqlChangeDirectory;
  clock: ManualClock;
  streams: IncidentStreams;
  handlers: IncidentHandlers;
  /** The scheduler's claims and the due timers it polls. */
  claims: SlaTimerClaims;
  /** A scheduler of its own (as another process would run), on its own database connection when the server is used. */
  scheduler(): SlaScheduler;
  /** Runs the incident-hierarchy process over everything the log holds (the parent's side of links, cascades). */
  settleHierarchy(): Promise<void>;
  /** Publishes a live service with one default offering on a new calendar, as the catalog would; returns their ids. */
  publishService(calendar?: SupportCalendar): Promise<{ serviceId: string; offeringId: string; calendarId: string }>;
  publishCalendarUpdate(calendarId: string, calendar: SupportCalendar): Promise<void>;
  /**
   * Raises a change as the changes context would (`ChangeRaised` on its stream: a new id, and the kit's next number,
   * CHG0000001, CHG0000002…, unless one is given) and brings the copies up to it; returns its id, number and log position.
   */
  raiseChange(number?: string): Promise<{ changeId: string; changeNumber: string; position: number }>;
  /** Brings the projections (catalog and changes copies, due SLA timers) up to the log's head. */
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
    projections: [incidentsCatalogProjection, incidentsChangesProjection, slaDueTimersProjection(catalogSchema)],
    schema: catalogSchema,
    checkpointSchema,
  });
  const catalog = new SqlIncidentCatalog(db, catalogSchema);
  const changes = new SqlChangeDirectory(db, catalogSchema);
  const clock = new ManualClock(new Date(start));
  const streams = new IncidentStreams({ pipeline: writePipelineOn(store), catalog, clock });
  const policy = DEFAULT_INCIDENT_POLICY;
  const handlers: IncidentHandlers = {
    open: new OpenIncidentHandler(streams, new SqlIncidentNumberAllocator(db, incidentsSchema), catalog, policy),
    assign: new AssignIncidentHandler(streams),
    start: new StartIncidentHandler(streams),
    hold: new HoldIncidentHandler(streams),
    resume: new ResumeIncidentHandler(streams),
    resolve: new ResolveIncidentHandler(streams),
    close: new CloseIncidentHandler(streams),
    reopen: new ReopenIncidentHandler(streams, policy),
    cancel: new CancelIncidentHandler(streams),
    update: new UpdateIncidentHandler(streams, policy),
    escalate: new EscalateIncidentHandler(streams, policy),
    logWork: new LogIncidentWorkHandler(streams),
    major: new MajorIncidentHandler(streams),
    link: new LinkIncidentHandler(streams, clock, changes),
  };
  const claims = new SlaTimerClaims(db, { dueTimersSchema: catalogSchema, claimsSchema: incidentsSchema });
  const hierarchy = await ProcessRunner.create({ db, source: store, processes: [new IncidentHierarchyProcess(streams, clock)], checkpointSchema });
  const append = (streamId: string, events: { type: string; data: unknown }[]) =>
    store.appendToStream(streamId, events.map((event) => ({ ...event, metadata: catalogMetadata })), { expectedRevision: 'any' });
  let changeNumbers = 0;
  return {
    store,
    db,
    readModelSchema: catalogSchema,
    catalog,
    changes,
    clock,
    streams,
    handlers,
    claims,
    scheduler: () => {
      const executor = backing.openExecutor();
      const own = new IncidentStreams({ pipeline: writePipelineOn(store), catalog: new SqlIncidentCatalog(executor, catalogSchema), clock });
      return new SlaScheduler({ streams: own, claims: new SlaTimerClaims(executor, { dueTimersSchema: catalogSchema, claimsSchema: incidentsSchema }), clock });
    },
    settleHierarchy: () => hierarchy.catchUp(),
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
    async raiseChange(number) {
      const changeId = newId();
      changeNumbers += 1;
      const changeNumber = number ?? `CHG${String(changeNumbers).padStart(7, '0')}`;
      const written = await append(changeStreamId(changeId), [{ type: 'ChangeRaised', data: changeRaised(changeId, changeNumber) }]);
      await runtime.catchUp();
      return { changeId, changeNumber, position: written.lastGlobalPosition };
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
