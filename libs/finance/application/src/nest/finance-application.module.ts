import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { systemClock, type Clock, type WritePipeline } from '@itsm/event-sourcing';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { EVENT_STORE, SQL_DATABASE, WRITE_PIPELINE, type ProcessEventSource } from '@itsm/platform-kit';
import { DEFAULT_READ_MODEL_LOCATION, type Projection } from '@itsm/projections';
import { DEFAULT_FINANCE_SCHEMA, SqlLedgerImportRuns } from '../adapters/sql-ledger-import-runs.adapter';
import { CloseCostCenterHandler } from '../close-cost-center/close-cost-center.handler';
import { CloseCostPoolHandler } from '../close-cost-pool/close-cost-pool.handler';
import { CreateRateCardHandler } from '../create-rate-card/create-rate-card.handler';
import { financeCreditsProjection } from '../credits/finance-credits.projection';
import { SqlFinanceCredits } from '../credits/sql-finance-credits.adapter';
import { DefineAllocationRuleHandler } from '../define-allocation-rule/define-allocation-rule.handler';
import { DisputeQuery, OpenDisputeHandler, ResolveDisputeHandler, StartDisputeReviewHandler } from '../disputes/dispute.handlers';
import { financeDirectoryProjection } from '../directory/finance-directory.projection';
import { SqlFinanceDirectory } from '../directory/sql-finance-directory.adapter';
import { financeCatalogProjection } from '../foreign/catalog-copy/finance-catalog.projection';
import { SqlFinanceCatalog } from '../foreign/catalog-copy/sql-finance-catalog.adapter';
import type { FinanceCatalog } from '../ports/finance-catalog.port';
import { FinanceCopyPositions } from '../foreign/finance-copies.positions';
import { financeIncidentsProjection } from '../foreign/incidents-copy/finance-incidents.projection';
import { SqlFinanceIncidents } from '../foreign/incidents-copy/sql-finance-incidents.adapter';
import { ImportLedgerHandler } from '../import-ledger/import-ledger.handler';
import { LedgerImportStatusQuery } from '../import-ledger/ledger-import-status.query';
import { LabourCostsQuery } from '../labour-costs/labour-costs.query';
import { MoveCostCenterHandler } from '../move-cost-center/move-cost-center.handler';
import { OpenCostCenterHandler } from '../open-cost-center/open-cost-center.handler';
import { OpenCostPoolHandler } from '../open-cost-pool/open-cost-pool.handler';
import { PlanBudgetHandler } from '../plan-budget/plan-budget.handler';
import { ServiceCreditMemory } from '../processes/service-credits/service-credit-memory';
import { ServiceCreditsProcess } from '../processes/service-credits/service-credits.process';
import { CreditPolicyQuery, PublishCreditPolicyVersionHandler } from '../publish-credit-policy/publish-credit-policy-version.handler';
import { PublishRateCardVersionHandler } from '../publish-rate-card-version/publish-rate-card-version.handler';
import { RecordBudgetActualHandler } from '../record-budget-actual/record-budget-actual.handler';
import { RecordBudgetCommitmentHandler } from '../record-budget-commitment/record-budget-commitment.handler';
import { RecordUsageHandler } from '../record-usage/record-usage.handler';
import { RenameCostCenterHandler } from '../rename-cost-center/rename-cost-center.handler';
import { RenameCostPoolHandler } from '../rename-cost-pool/rename-cost-pool.handler';
import { RetireAllocationRuleHandler } from '../retire-allocation-rule/retire-allocation-rule.handler';
import { ReviseAllocationRuleHandler } from '../revise-allocation-rule/revise-allocation-rule.handler';
import { ReviseBudgetPlanHandler } from '../revise-budget-plan/revise-budget-plan.handler';
import { ExchangeRateLookup } from '../set-exchange-rate/exchange-rate-lookup';
import { SetExchangeRateHandler } from '../set-exchange-rate/set-exchange-rate.handler';
import { ClosePeriodHandler } from '../close-period/close-period.handler';
import { PeriodInputsReader } from '../periods/period-inputs.reader';
import { PeriodStreams } from '../periods/period-streams';
import { RecentLedgerImports } from '../periods/recent-ledger-imports';
import { RecentPeriodLogs } from '../periods/recent-period-logs';
import { RecentRunComputations } from '../periods/recent-run-computations';
import { PostAdjustmentHandler } from '../post-adjustment/post-adjustment.handler';
import { PublishStatementsHandler } from '../publish-statements/publish-statements.handler';
import { ReplayPeriodQuery } from '../replay-period/replay-period.query';
import { RunPeriodHandler } from '../run-period/run-period.handler';
import { financeSettingsFrom } from '../settings/finance-settings';
import {
  AllocationRuleStreams,
  BudgetStreams,
  CostCenterStreams,
  CostPoolStreams,
  CreditPolicyStreams,
  DisputeStreams,
  ExchangeRateStreams,
  LedgerImportStreams,
  RateCardStreams,
  ServiceCreditsStreams,
  UsageBatchStreams,
} from '../streams/finance-streams';
import { FINANCE_CATALOG, FINANCE_CLOCK, FINANCE_DIRECTORY, FINANCE_INCIDENTS, FINANCE_SETTINGS, LEDGER_IMPORT_RUNS, PERIOD_CREDITS } from './finance-application.tokens';
import { FINANCE_PROCESSES_OPTIONS, FinanceProcessesHost } from './finance-processes.host';

/** One handler per use case (the api has one folder each), and the queries that fold streams or price copies. */
export const FINANCE_HANDLERS = [
  OpenCostCenterHandler,
  RenameCostCenterHandler,
  MoveCostCenterHandler,
  CloseCostCenterHandler,
  OpenCostPoolHandler,
  RenameCostPoolHandler,
  CloseCostPoolHandler,
  CreateRateCardHandler,
  PublishRateCardVersionHandler,
  DefineAllocationRuleHandler,
  ReviseAllocationRuleHandler,
  RetireAllocationRuleHandler,
  PlanBudgetHandler,
  ReviseBudgetPlanHandler,
  RecordBudgetActualHandler,
  RecordBudgetCommitmentHandler,
  SetExchangeRateHandler,
  RecordUsageHandler,
  ImportLedgerHandler,
  LedgerImportStatusQuery,
  LabourCostsQuery,
  PublishCreditPolicyVersionHandler,
  CreditPolicyQuery,
  OpenDisputeHandler,
  StartDisputeReviewHandler,
  ResolveDisputeHandler,
  DisputeQuery,
  RunPeriodHandler,
  PublishStatementsHandler,
  ClosePeriodHandler,
  PostAdjustmentHandler,
  ReplayPeriodQuery,
] as const;

/** How each finance use case reaches its aggregate's stream. */
export const FINANCE_STREAMS = [
  CostCenterStreams,
  CostPoolStreams,
  RateCardStreams,
  BudgetStreams,
  AllocationRuleStreams,
  ExchangeRateStreams,
  UsageBatchStreams,
  LedgerImportStreams,
  CreditPolicyStreams,
  ServiceCreditsStreams,
  DisputeStreams,
] as const;

/**
 * Projections a finance host must run besides the finance read models: the directory the handlers' rules across
 * aggregates read, finance's copies of the catalog and of incidents (fed by those contexts' events: from the log
 * embedded, from Kafka distributed), and the credits (policies, service credits, disputes) the period close reads
 * through `PeriodCredits`. Their tables live in the runtime's read-model schema.
 */
export const financeApplicationProjections = (): readonly Projection[] => [financeDirectoryProjection, financeCatalogProjection, financeIncidentsProjection, financeCreditsProjection];

export interface FinanceApplicationOptions {
  /** Default: the system clock. Tests pass a clock they set by hand. */
  clock?: Clock;
  /** The settings to read (`ITSM_FINANCE_REPORTING_CURRENCY`); default the process environment. */
  env?: Record<string, unknown>;
  /** Schema of finance's working tables (ledger import runs); default `finance`. */
  financeSchema?: string;
  /** Schema and checkpoint schema of the projections finance needs (directory, copies): the projection runtime's. */
  readModelSchema?: string;
  checkpointSchema?: string;
  /** Run the service-credit process in this host; default true. */
  processes?: boolean;
  /** Where the process takes the incidents' events from: the log (default) or Kafka (the finance host with KAFKA_BROKERS). */
  processEventsFrom?: ProcessEventSource;
}

/**
 * The finance composition root: the handlers on the kernel's write pipeline, ports bound to adapters (the directory
 * and the copies on their projections' tables, the import runs in SQL), settings checked at start. Needs the global
 * EventStoreModule (WRITE_PIPELINE, EVENT_STORE, SQL_DATABASE, EXCLUSIVE_SECTIONS). A period run reads its service
 * credits through PERIOD_CREDITS, bound here to the credits the service-credit process accrued (SqlFinanceCredits).
 */
@Module({})
export class FinanceApplicationModule {
  static forRoot(options: FinanceApplicationOptions = {}): DynamicModule {
    const schema = options.readModelSchema ?? DEFAULT_READ_MODEL_LOCATION.schema;
    const checkpointSchema = options.checkpointSchema ?? DEFAULT_READ_MODEL_LOCATION.checkpointSchema;
    const streams: Provider[] = FINANCE_STREAMS.map((Streams) => ({
      provide: Streams,
      inject: [WRITE_PIPELINE, FINANCE_CLOCK],
      useFactory: (pipeline: WritePipeline, clock: Clock) => new Streams(pipeline, clock),
    }));
    const financeSchema = options.financeSchema ?? DEFAULT_FINANCE_SCHEMA;
    const skipped = new Logger('FinanceProcesses');
    const processes: Provider[] =
      options.processes === false
        ? []
        : [
            {
              provide: ServiceCreditsProcess,
              inject: [ServiceCreditsStreams, CreditPolicyStreams, FINANCE_CATALOG, SQL_DATABASE],
              useFactory: (credits: ServiceCreditsStreams, policies: CreditPolicyStreams, catalog: FinanceCatalog, db: SqlExecutor) =>
                new ServiceCreditsProcess(credits, policies, catalog, new ServiceCreditMemory(db, financeSchema), ({ event, reason }) =>
                  skipped.warn(`${event.type} ${event.eventId} credited nothing: ${reason}`),
                ),
            },
            {
              provide: FINANCE_PROCESSES_OPTIONS,
              inject: [{ token: ConfigService, optional: true }],
              useFactory: (config?: ConfigService) => ({ eventsFrom: options.processEventsFrom ?? 'event-store', topicPrefix: config?.get<string>('ITSM_TOPIC_PREFIX') ?? '' }),
            },
            FinanceProcessesHost,
          ];
    return {
      module: FinanceApplicationModule,
      providers: [
        { provide: FINANCE_CLOCK, useValue: options.clock ?? systemClock },
        // Read once when the host starts: an invalid setting stops the start, naming it.
        { provide: FINANCE_SETTINGS, useFactory: () => financeSettingsFrom(options.env ?? process.env) },
        {
          provide: FINANCE_DIRECTORY,
          inject: [SQL_DATABASE, EVENT_STORE],
          useFactory: (db: SqlExecutor, store: EventStore) => new SqlFinanceDirectory(db, store, { schema, checkpointSchema }),
        },
        { provide: FINANCE_CATALOG, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlFinanceCatalog(db, schema) },
        { provide: FINANCE_INCIDENTS, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlFinanceIncidents(db, schema) },
        { provide: LEDGER_IMPORT_RUNS, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlLedgerImportRuns(db, financeSchema) },
        { provide: SqlFinanceCredits, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlFinanceCredits(db, schema) },
        { provide: PERIOD_CREDITS, useExisting: SqlFinanceCredits },
        { provide: FinanceCopyPositions, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new FinanceCopyPositions(db, checkpointSchema) },
        ...streams,
        { provide: PeriodStreams, inject: [WRITE_PIPELINE, FINANCE_CLOCK], useFactory: (pipeline: WritePipeline, clock: Clock) => new PeriodStreams(pipeline, clock) },
        { provide: PeriodInputsReader, inject: [EVENT_STORE], useFactory: (store: EventStore) => new PeriodInputsReader(store, new RecentLedgerImports(), new RecentPeriodLogs()) },
        ExchangeRateLookup,
        RecentRunComputations,
        ...FINANCE_HANDLERS,
        ...processes,
      ],
      exports: [
        ...FINANCE_HANDLERS,
        ...FINANCE_STREAMS,
        PeriodStreams,
        FINANCE_CLOCK,
        FINANCE_SETTINGS,
        FINANCE_DIRECTORY,
        FINANCE_CATALOG,
        FINANCE_INCIDENTS,
        FinanceCopyPositions,
        SqlFinanceCredits,
        PERIOD_CREDITS,
      ],
    };
  }
}
