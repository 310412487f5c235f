import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { systemClock, type Clock, type WritePipeline } from '@itsm/event-sourcing';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { EVENT_STORE, SQL_DATABASE, WRITE_PIPELINE } from '@itsm/platform-kit';
import { DEFAULT_READ_MODEL_LOCATION, type Projection } from '@itsm/projections';
import { DEFAULT_CHANGES_SCHEMA, SqlChangeNumberAllocator } from '../adapters/sql-change-number-allocator.adapter';
import { AssessChangeRiskHandler } from '../assess-change-risk/assess-change-risk.handler';
import { CancelChangeHandler } from '../cancel-change/cancel-change.handler';
import { ChangeGateQuery } from '../change-gate/change-gate.query';
import { ChangeStreams } from '../change-stream/change-streams';
import { CloseChangeHandler } from '../close-change/close-change.handler';
import { CompleteChangeHandler } from '../complete-change/complete-change.handler';
import { DeclareFreezeWindowHandler } from '../declare-freeze-window/declare-freeze-window.handler';
import { changesCatalogProjection } from '../foreign/catalog-copy/changes-catalog.projection';
import { SqlChangeCatalog } from '../foreign/catalog-copy/sql-change-catalog.adapter';
import { ChangesCopyPositions } from '../foreign/changes-copies.positions';
import { changesIncidentsProjection } from '../foreign/incidents-copy/changes-incidents.projection';
import { SqlChangeIncidents } from '../foreign/incidents-copy/sql-change-incidents.adapter';
import { FreezeWindowStreams } from '../freeze-window-stream/freeze-window-streams';
import { LiftFreezeWindowHandler } from '../lift-freeze-window/lift-freeze-window.handler';
import { changePoliciesFrom, type ChangePolicies, type ChangePolicySettings } from '../policies/change-policies';
import type { ChangeCatalog } from '../ports/change-catalog.port';
import type { ChangeQueries, ChangeQueriesFactory } from '../ports/change-queries.port';
import type { ActiveMajorIncidents, CausedIncidents } from '../ports/change-incidents.port';
import { CausedIncidentsPositions } from '../processes/caused-incidents/caused-incidents.positions';
import { CausedIncidentsProcess } from '../processes/caused-incidents/caused-incidents.process';
import { IncidentNumbers } from '../processes/caused-incidents/incident-numbers';
import { RaiseChangeHandler } from '../raise-change/raise-change.handler';
import { RecordApprovalDecisionHandler } from '../record-approval-decision/record-approval-decision.handler';
import { RecordPirHandler } from '../record-pir/record-pir.handler';
import { ChangeRiskAssessor } from '../risk-assessment/change-risk-assessor';
import { StartChangeHandler } from '../start-change/start-change.handler';
import { SubmitChangeHandler } from '../submit-change/submit-change.handler';
import { SwitchChangeTypeHandler } from '../switch-change-type/switch-change-type.handler';
import { UpdateChangeHandler } from '../update-change/update-change.handler';
import {
  ACTIVE_MAJOR_INCIDENTS,
  CAUSED_INCIDENTS,
  CHANGE_CATALOG,
  CHANGE_NUMBERS,
  CHANGE_POLICIES,
  CHANGE_QUERIES,
  CHANGES_CLOCK,
} from './changes-application.tokens';
import { CHANGES_PROCESSES_OPTIONS, ChangesProcessesHost, type ProcessEventSource } from './changes-processes.host';

/** One handler per use case (the api has one folder each). */
export const CHANGES_HANDLERS = [
  RaiseChangeHandler,
  UpdateChangeHandler,
  SwitchChangeTypeHandler,
  SubmitChangeHandler,
  AssessChangeRiskHandler,
  RecordApprovalDecisionHandler,
  StartChangeHandler,
  CompleteChangeHandler,
  RecordPirHandler,
  CloseChangeHandler,
  CancelChangeHandler,
  ChangeGateQuery,
  DeclareFreezeWindowHandler,
  LiftFreezeWindowHandler,
] as const;

/**
 * Projections a changes host must run besides the change read models: the changes' own copies of the catalog and of
 * incidents (fed by those contexts' events: from the log embedded, from Kafka distributed). Their tables live in the
 * runtime's read-model schema, where `SqlChangeCatalog` and `SqlChangeIncidents` read them.
 */
export const changesApplicationProjections = (): readonly Projection[] => [changesCatalogProjection, changesIncidentsProjection];

export interface ChangesApplicationOptions {
  /** Default: the system clock. Tests pass a clock they set by hand. */
  clock?: Clock;
  /** Schema of the CHG number sequence and of the processes' own tables; default `changes`. */
  changesSchema?: string;
  /** Schema of the projections this context needs (the copies of the catalog and of incidents): the projection runtime's. */
  readModelSchema?: string;
  /**
   * The risk and approval policies; default: from the settings (`ITSM_CHANGE_RISK_POLICY`, `ITSM_CHANGE_APPROVAL_POLICY`,
   * `ITSM_CHANGE_CAB_MEMBERS`, `ITSM_CHANGE_ECAB_MEMBERS`, `ITSM_CHANGE_RISK_LOOKBACK_DAYS`), checked at start.
   */
  policies?: ChangePolicies;
  /** Run the caused-incidents process in this host; default true. */
  processes?: boolean;
  /** Where the processes take other contexts' events from: the log (default) or Kafka (the changes host with KAFKA_BROKERS). */
  processEventsFrom?: ProcessEventSource;
}

export interface ChangesApplicationModuleOptions extends ChangesApplicationOptions {
  /** The queries over the changes' read models (the host's `createChangesReadModels`). */
  queries: ChangeQueriesFactory;
}

const settingsOf = (config: ConfigService | undefined): ChangePolicySettings =>
  Object.fromEntries(
    (['ITSM_CHANGE_RISK_POLICY', 'ITSM_CHANGE_APPROVAL_POLICY', 'ITSM_CHANGE_CAB_MEMBERS', 'ITSM_CHANGE_ECAB_MEMBERS', 'ITSM_CHANGE_RISK_LOOKBACK_DAYS'] as const).map(
      (name) => [name, config?.get(name)],
    ),
  );

/**
 * The changes composition root: the handlers on the kernel's write pipeline, ports bound to adapters, the policies in
 * force, and the caused-incidents process hosted here. Needs the global EventStoreModule (WRITE_PIPELINE,
 * SQL_DATABASE); ConfigModule for the policy settings; HealthModule (process monitor) and, for Kafka, MessageBusModule.
 */
@Module({})
export class ChangesApplicationModule {
  static forRoot(options: ChangesApplicationModuleOptions): DynamicModule {
    const changesSchema = options.changesSchema ?? DEFAULT_CHANGES_SCHEMA;
    const readModelSchema = options.readModelSchema ?? DEFAULT_READ_MODEL_LOCATION.schema;
    const skipped = new Logger('ChangesProcesses');
    const processes: Provider[] =
      options.processes === false
        ? []
        : [
            {
              provide: CausedIncidentsProcess,
              inject: [ChangeStreams, SQL_DATABASE, SqlChangeIncidents],
              useFactory: (streams: ChangeStreams, db: SqlExecutor, incidents: SqlChangeIncidents) =>
                new CausedIncidentsProcess(streams, new IncidentNumbers(db, changesSchema), (id) => incidents.numberOf(id), ({ event, reason }) =>
                  skipped.warn(`${event.type} ${event.eventId} recorded nothing on the change: ${reason}`),
                ),
            },
            { provide: CHANGES_PROCESSES_OPTIONS, inject: [{ token: ConfigService, optional: true }], useFactory: (config?: ConfigService) => ({
              eventsFrom: options.processEventsFrom ?? 'event-store',
              topicPrefix: config?.get<string>('ITSM_TOPIC_PREFIX') ?? '',
            }) },
            ChangesProcessesHost,
          ];
    return {
      module: ChangesApplicationModule,
      providers: [
        { provide: CHANGES_CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: CHANGE_POLICIES,
          inject: [{ token: ConfigService, optional: true }],
          useFactory: (config?: ConfigService) => options.policies ?? changePoliciesFrom(settingsOf(config)),
        },
        { provide: CHANGE_NUMBERS, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlChangeNumberAllocator(db, changesSchema) },
        { provide: CHANGE_CATALOG, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlChangeCatalog(db, readModelSchema) },
        { provide: SqlChangeIncidents, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlChangeIncidents(db, readModelSchema) },
        { provide: ACTIVE_MAJOR_INCIDENTS, useExisting: SqlChangeIncidents },
        { provide: CAUSED_INCIDENTS, useExisting: SqlChangeIncidents },
        {
          provide: CHANGE_QUERIES,
          inject: [SQL_DATABASE, CHANGE_CATALOG, ACTIVE_MAJOR_INCIDENTS, CAUSED_INCIDENTS],
          useFactory: (db: SqlExecutor, catalog: ChangeCatalog, majorIncidents: ActiveMajorIncidents, causedIncidents: CausedIncidents) =>
            options.queries({ db, sources: { catalog, majorIncidents, causedIncidents } }),
        },
        { provide: ChangesCopyPositions, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new ChangesCopyPositions(db) },
        { provide: CausedIncidentsPositions, inject: [SQL_DATABASE, EVENT_STORE], useFactory: (db: SqlExecutor, log: EventStore) => new CausedIncidentsPositions(db, log) },
        {
          provide: FreezeWindowStreams,
          inject: [WRITE_PIPELINE, CHANGES_CLOCK],
          useFactory: (pipeline: WritePipeline, clock: Clock) => new FreezeWindowStreams(pipeline, clock),
        },
        {
          provide: ChangeStreams,
          inject: [WRITE_PIPELINE, CHANGES_CLOCK],
          useFactory: (pipeline: WritePipeline, clock: Clock) => new ChangeStreams(pipeline, clock),
        },
        {
          provide: ChangeRiskAssessor,
          inject: [CHANGE_CATALOG, CHANGE_QUERIES, CHANGE_POLICIES],
          useFactory: (catalog: ChangeCatalog, queries: ChangeQueries, policies: ChangePolicies) => new ChangeRiskAssessor(catalog, queries.implementerRecords, policies),
        },
        ...CHANGES_HANDLERS,
        ...processes,
      ],
      exports: [
        ...CHANGES_HANDLERS,
        CHANGES_CLOCK,
        CHANGE_CATALOG,
        ACTIVE_MAJOR_INCIDENTS,
        CAUSED_INCIDENTS,
        CHANGE_QUERIES,
        CHANGE_POLICIES,
        ChangesCopyPositions,
        CausedIncidentsPositions,
        FreezeWindowStreams,
        ChangeStreams,
        ChangeRiskAssessor,
      ],
    };
  }
}
