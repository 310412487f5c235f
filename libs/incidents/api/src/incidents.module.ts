import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import {
  DEFAULT_INCIDENTS_SCHEMA,
  IncidentCommands,
  INCIDENTS_CATALOG_SCHEMA,
  incidentsCatalogProjection,
  SlaScheduler,
  SlaTimerStore,
  SqlIncidentCatalog,
  SqlIncidentNumberAllocator,
  systemClock,
  type Clock,
  type IncidentCatalog,
} from '@itsm/incidents-application';
import type { IncidentPolicy } from '@itsm/incidents-domain';
import type { Projection } from '@itsm/projections';
import { EVENT_STORE, SQL_DATABASE } from '@itsm/platform-kit';
import { INCIDENTS_CONTROLLERS } from './incidents.controllers';
import { IncidentResource } from './shared/incident-resource';
import type { IncidentReadModelsFactory } from './shared/incident-read-models.port';
import { IncidentsErrorsInterceptor } from './shared/incidents-errors.interceptor';
import {
  INCIDENT_CATALOG,
  INCIDENT_READ_MODELS,
  INCIDENTS_CLOCK,
} from './shared/incidents.tokens';
import { SlaSchedulerLifecycle } from './shared/sla-scheduler.lifecycle';

export interface IncidentsModuleOptions {
  /** `createIncidentReadModels` from @itsm/incidents-read-models (the host joins the two libs). */
  readModels: IncidentReadModelsFactory;
  /** Default: the system clock. Tests pass a clock they move by hand (or override INCIDENTS_CLOCK). */
  clock?: Clock;
  policy?: IncidentPolicy;
  /** Schema of `incidentsCatalogProjection`'s tables: the projection runtime's `schema` (default `read_models`). */
  catalogSchema?: string;
  /** Schema of INC numbers and durable SLA timers (default `incidents`). */
  incidentsSchema?: string;
  /** How often the SLA scheduler polls its due timers (default 1 s). */
  slaPollIntervalMs?: number;
}

/**
 * Projections an incidents host must run besides the incident read models (`incidentProjections`): the incidents'
 * own copy of the catalog. Embedded, the projection runtime feeds it from the event log (it holds the catalog's
 * events too); distributed, the incidents process's projector feeds it from the catalog's Kafka topic.
 */
export const incidentsApplicationProjections: readonly Projection[] = [
  incidentsCatalogProjection,
];

/**
 * Incidents behind /api/v1/incidents: controllers, the command side (IncidentCommands on the process's event
 * store and database), the catalog copy port and the SLA scheduler (started on bootstrap, stopped on shutdown).
 * Needs the global EventStoreModule and GatewayModule; the projections run in ProjectionsModule (see the README).
 */
@Module({})
export class IncidentsModule {
  static forRoot(options: IncidentsModuleOptions): DynamicModule {
    const incidentsSchema = options.incidentsSchema ?? DEFAULT_INCIDENTS_SCHEMA;
    return {
      module: IncidentsModule,
      controllers: INCIDENTS_CONTROLLERS,
      providers: [
        { provide: INCIDENTS_CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: INCIDENT_READ_MODELS,
          inject: [SQL_DATABASE],
          useFactory: (db: SqlExecutor) => options.readModels({ db }),
        },
        {
          provide: INCIDENT_CATALOG,
          inject: [SQL_DATABASE],
          useFactory: (db: SqlExecutor) =>
            new SqlIncidentCatalog(
              db,
              options.catalogSchema ?? INCIDENTS_CATALOG_SCHEMA,
            ),
        },
        {
          provide: SlaTimerStore,
          inject: [SQL_DATABASE],
          useFactory: (db: SqlExecutor) =>
            new SlaTimerStore(db, incidentsSchema),
        },
        {
          provide: IncidentCommands,
          inject: [
            EVENT_STORE,
            SQL_DATABASE,
            INCIDENT_CATALOG,
            SlaTimerStore,
            INCIDENTS_CLOCK,
          ],
          useFactory: (
            store: EventStore,
            db: SqlExecutor,
            catalog: IncidentCatalog,
            timers: SlaTimerStore,
            clock: Clock,
          ) =>
            new IncidentCommands({
              store,
              catalog,
              timers,
              clock,
              policy: options.policy,
              numbers: new SqlIncidentNumberAllocator(db, incidentsSchema),
            }),
        },
        {
          provide: SlaScheduler,
          inject: [
            EVENT_STORE,
            INCIDENT_CATALOG,
            SlaTimerStore,
            INCIDENTS_CLOCK,
          ],
          useFactory: (
            store: EventStore,
            catalog: IncidentCatalog,
            timers: SlaTimerStore,
            clock: Clock,
          ) =>
            new SlaScheduler({
              store,
              catalog,
              timers,
              clock,
              pollIntervalMs: options.slaPollIntervalMs,
            }),
        },
        SlaSchedulerLifecycle,
        IncidentResource,
        IncidentsErrorsInterceptor,
      ],
      exports: [
        IncidentCommands,
        SlaScheduler,
        INCIDENTS_CLOCK,
        INCIDENT_READ_MODELS,
      ],
    };
  }
}
