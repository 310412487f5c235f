import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import type { WritePipeline } from '@itsm/event-sourcing';
import { DEFAULT_INCIDENT_POLICY, type IncidentPolicy } from '@itsm/incidents-domain';
import { EVENT_STORE, SQL_DATABASE, WRITE_PIPELINE } from '@itsm/platform-kit';
import { DEFAULT_READ_MODEL_LOCATION, type Projection } from '@itsm/projections';
import { DEFAULT_INCIDENTS_SCHEMA, SqlIncidentNumberAllocator } from '../adapters/sql-incident-number-allocator.adapter';
import { AssignIncidentHandler } from '../assign-incident/assign-incident.handler';
import { CancelIncidentHandler } from '../cancel-incident/cancel-incident.handler';
import { CloseIncidentHandler } from '../close-incident/close-incident.handler';
import { EscalateIncidentHandler } from '../escalate-incident/escalate-incident.handler';
import { incidentsCatalogProjection } from '../foreign/catalog-copy/incidents-catalog.projection';
import { ChangeDirectoryPositions } from '../foreign/change-directory/change-directory.positions';
import { incidentsChangesProjection } from '../foreign/change-directory/incidents-changes.projection';
import { SqlChangeDirectory } from '../foreign/change-directory/sql-change-directory.adapter';
import { SqlIncidentCatalog } from '../foreign/catalog-copy/sql-incident-catalog.adapter';
import { HoldIncidentHandler } from '../hold-incident/hold-incident.handler';
import { IncidentStreams } from '../incident-stream/incident-streams';
import { LinkIncidentHandler } from '../link-incident/link-incident.handler';
import { LogIncidentWorkHandler } from '../log-incident-work/log-incident-work.handler';
import { MajorIncidentHandler } from '../major-incident/major-incident.handler';
import { OpenIncidentHandler } from '../open-incident/open-incident.handler';
import { systemClock, type Clock } from '../ports/clock.port';
import type { IncidentCatalog } from '../ports/incident-catalog.port';
import { IncidentHierarchyProcess } from '../processes/incident-hierarchy/incident-hierarchy.process';
import { IncidentCatalogPositions } from '../foreign/catalog-copy/incident-catalog.positions';
import { IncidentHierarchyPositions } from '../processes/incident-hierarchy/incident-hierarchy.positions';
import { slaDueTimersProjection } from '../processes/sla-timers/sla-due-timers.projection';
import { SlaScheduler } from '../processes/sla-timers/sla-scheduler';
import { SlaTimerClaims } from '../processes/sla-timers/sla-timer-claims';
import { ReopenIncidentHandler } from '../reopen-incident/reopen-incident.handler';
import { ResolveIncidentHandler } from '../resolve-incident/resolve-incident.handler';
import { ResumeIncidentHandler } from '../resume-incident/resume-incident.handler';
import { StartIncidentHandler } from '../start-incident/start-incident.handler';
import { UpdateIncidentHandler } from '../update-incident/update-incident.handler';
import { IncidentsProcessesHost } from './incidents-processes.host';
import { CHANGE_DIRECTORY, INCIDENT_CATALOG, INCIDENT_NUMBERS, INCIDENT_POLICY, INCIDENTS_CLOCK } from './incidents-application.tokens';

/** One handler per use case (the api has one folder each). */
export const INCIDENT_HANDLERS = [
  OpenIncidentHandler,
  AssignIncidentHandler,
  StartIncidentHandler,
  HoldIncidentHandler,
  ResumeIncidentHandler,
  ResolveIncidentHandler,
  CloseIncidentHandler,
  ReopenIncidentHandler,
  CancelIncidentHandler,
  UpdateIncidentHandler,
  EscalateIncidentHandler,
  LogIncidentWorkHandler,
  MajorIncidentHandler,
  LinkIncidentHandler,
] as const;

export interface IncidentsApplicationOptions {
  /** Default: the system clock. Tests pass a clock they move by hand (or override INCIDENTS_CLOCK). */
  clock?: Clock;
  policy?: IncidentPolicy;
  /** Schema of the projections this context needs (catalog and changes copies, due SLA timers): the projection runtime's. */
  readModelSchema?: string;
  /** Schema of INC numbers and the SLA scheduler's claims; default `incidents`. */
  incidentsSchema?: string;
  /** How often the SLA scheduler polls its due timers; default 1 s. */
  slaPollIntervalMs?: number;
  /** Run the SLA scheduler and the incident-hierarchy process in this host; default true. */
  processes?: boolean;
}

/**
 * Projections an incidents host must run besides the incident read models: the incidents' own copies of the catalog
 * and of changes (fed by catalog and changes events: from the log embedded, from Kafka distributed) and the due SLA
 * timers the scheduler polls.
 */
export const incidentsApplicationProjections = (readModelSchema: string = DEFAULT_READ_MODEL_LOCATION.schema): readonly Projection[] => [
  incidentsCatalogProjection,
  incidentsChangesProjection,
  slaDueTimersProjection(readModelSchema),
];

/**
 * The incidents' composition root: ports bound to adapters on the process's SQL database, the handlers on the
 * kernel's write pipeline, and the background work (SLA scheduler, incident-hierarchy process) hosted here.
 * Needs the global EventStoreModule (WRITE_PIPELINE, SQL_DATABASE) and HealthModule (process monitor).
 */
@Module({})
export class IncidentsApplicationModule {
  static forRoot(options: IncidentsApplicationOptions = {}): DynamicModule {
    const readModelSchema = options.readModelSchema ?? DEFAULT_READ_MODEL_LOCATION.schema;
    const incidentsSchema = options.incidentsSchema ?? DEFAULT_INCIDENTS_SCHEMA;
    const logger = new Logger('SlaScheduler');
    const processes: Provider[] =
      options.processes === false
        ? []
        : [
            {
              provide: SlaScheduler,
              inject: [IncidentStreams, SQL_DATABASE, INCIDENTS_CLOCK],
              useFactory: (streams: IncidentStreams, db: SqlExecutor, clock: Clock) =>
                new SlaScheduler({
                  streams,
                  clock,
                  claims: new SlaTimerClaims(db, { dueTimersSchema: readModelSchema, claimsSchema: incidentsSchema }),
                  pollIntervalMs: options.slaPollIntervalMs,
                  onFailure: (error, status) =>
                    logger.error(`SLA poll failed (${status.consecutiveFailures} in a row, retrying): ${error instanceof Error ? error.message : String(error)}`),
                }),
            },
            IncidentHierarchyProcess,
            IncidentsProcessesHost,
          ];
    return {
      module: IncidentsApplicationModule,
      providers: [
        { provide: INCIDENTS_CLOCK, useValue: options.clock ?? systemClock },
        { provide: INCIDENT_POLICY, useValue: options.policy ?? DEFAULT_INCIDENT_POLICY },
        { provide: INCIDENT_CATALOG, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlIncidentCatalog(db, readModelSchema) },
        { provide: CHANGE_DIRECTORY, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlChangeDirectory(db, readModelSchema) },
        { provide: INCIDENT_NUMBERS, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlIncidentNumberAllocator(db, incidentsSchema) },
        {
          provide: IncidentStreams,
          inject: [WRITE_PIPELINE, INCIDENT_CATALOG, INCIDENTS_CLOCK],
          useFactory: (pipeline: WritePipeline, catalog: IncidentCatalog, clock: Clock) => new IncidentStreams({ pipeline, catalog, clock }),
        },
        ...INCIDENT_HANDLERS,
        { provide: IncidentHierarchyPositions, inject: [SQL_DATABASE, EVENT_STORE], useFactory: (db: SqlExecutor, log: EventStore) => new IncidentHierarchyPositions(db, log) },
        { provide: IncidentCatalogPositions, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new IncidentCatalogPositions(db) },
        { provide: ChangeDirectoryPositions, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new ChangeDirectoryPositions(db) },
        ...processes,
      ],
      exports: [...INCIDENT_HANDLERS, IncidentStreams, IncidentHierarchyPositions, IncidentCatalogPositions, ChangeDirectoryPositions, INCIDENTS_CLOCK, INCIDENT_CATALOG, CHANGE_DIRECTORY, INCIDENT_POLICY, ...(options.processes === false ? [] : [SlaScheduler])],
    };
  }
}
