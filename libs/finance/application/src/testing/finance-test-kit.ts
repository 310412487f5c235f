import { randomBytes } from 'node:crypto';
import { newId, type Clock, type EventMetadata } from '@itsm/event-sourcing';
import {
  createExclusiveSections,
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
import { SqlLedgerImportRuns } from '../adapters/sql-ledger-import-runs.adapter';
import { CloseCostCenterHandler } from '../close-cost-center/close-cost-center.handler';
import { CloseCostPoolHandler } from '../close-cost-pool/close-cost-pool.handler';
import { CreateRateCardHandler } from '../create-rate-card/create-rate-card.handler';
import { SqlFinanceCredits } from '../credits/sql-finance-credits.adapter';
import { DefineAllocationRuleHandler } from '../define-allocation-rule/define-allocation-rule.handler';
import { PeriodStreams } from '../periods/period-streams';
import { DisputeQuery, OpenDisputeHandler, ResolveDisputeHandler, StartDisputeReviewHandler } from '../disputes/dispute.handlers';
import { SqlFinanceDirectory } from '../directory/sql-finance-directory.adapter';
import { SqlFinanceCatalog } from '../foreign/catalog-copy/sql-finance-catalog.adapter';
import { SqlFinanceIncidents } from '../foreign/incidents-copy/sql-finance-incidents.adapter';
import { ImportLedgerHandler } from '../import-ledger/import-ledger.handler';
import { LedgerImportStatusQuery } from '../import-ledger/ledger-import-status.query';
import { LabourCostsQuery } from '../labour-costs/labour-costs.query';
import { MoveCostCenterHandler } from '../move-cost-center/move-cost-center.handler';
import { financeApplicationProjections } from '../nest/finance-application.module';
import { OpenCostCenterHandler } from '../open-cost-center/open-cost-center.handler';
import { OpenCostPoolHandler } from '../open-cost-pool/open-cost-pool.handler';
import { PlanBudgetHandler } from '../plan-budget/plan-budget.handler';
import { ServiceCreditMemory } from '../processes/service-credits/service-credit-memory';
import { ServiceCreditsProcess, type SkippedBreach } from '../processes/service-credits/service-credits.process';
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

export const financeMetadata: EventMetadata = { actor: { id: 'fiona', role: 'finance', via: 'api' }, correlationId: 'finance-spec' };

/** A clock the spec sets by hand. */
export class SettableClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: string | Date): void {
    this.current = new Date(instant);
  }
}

export interface FinanceTestKit {
  store: EventStore;
  db: SqlExecutor;
  clock: SettableClock;
  directory: SqlFinanceDirectory;
  catalog: SqlFinanceCatalog;
  incidents: SqlFinanceIncidents;
  streams: {
    costCenters: CostCenterStreams;
    costPools: CostPoolStreams;
    rateCards: RateCardStreams;
    budgets: BudgetStreams;
    rules: AllocationRuleStreams;
    exchangeRates: ExchangeRateStreams;
    usage: UsageBatchStreams;
    ledgerImports: LedgerImportStreams;
    creditPolicies: CreditPolicyStreams;
    serviceCredits: ServiceCreditsStreams;
    disputes: DisputeStreams;
    periods: PeriodStreams;
  };
  handlers: ReturnType<typeof handlersOf>;
  /** The credits read model (`PeriodCredits` and the lists of credits, policies and disputes). */
  credits: SqlFinanceCredits;
  /** The service-credit process, also run from the log by `settleProcesses()`; what it skipped and why. */
  serviceCredits: ServiceCreditsProcess;
  skippedBreaches: SkippedBreach[];
  /** Runs the processes (service credits) up to the log's head, then brings the projections up to date. */
  settleProcesses(): Promise<void>;
  /** Appends another context's events as it would (the catalog, incidents), then brings the copies up to date. */
  appendForeign(streamId: string, events: { type: string; data: unknown; actor?: EventMetadata['actor'] }[]): Promise<void>;
  /** Brings every projection (directory, copies) up to the log's head. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const randomName = (label: string): string => `${label}_${randomBytes(5).toString('hex')}`;

const handlersOf = (deps: {
  streams: FinanceTestKit['streams'];
  directory: SqlFinanceDirectory;
  catalog: SqlFinanceCatalog;
  incidents: SqlFinanceIncidents;
  runs: SqlLedgerImportRuns;
  sections: ReturnType<typeof createExclusiveSections>;
  clock: Clock;
}) => {
  const { streams, directory, catalog, sections } = deps;
  const rates = new ExchangeRateLookup(streams.exchangeRates);
  return {
    openCostCenter: new OpenCostCenterHandler(streams.costCenters, directory, sections),
    renameCostCenter: new RenameCostCenterHandler(streams.costCenters),
    moveCostCenter: new MoveCostCenterHandler(streams.costCenters, directory, sections),
    closeCostCenter: new CloseCostCenterHandler(streams.costCenters),
    openCostPool: new OpenCostPoolHandler(streams.costPools, streams.costCenters),
    renameCostPool: new RenameCostPoolHandler(streams.costPools),
    closeCostPool: new CloseCostPoolHandler(streams.costPools),
    createRateCard: new CreateRateCardHandler(streams.rateCards),
    publishRateCardVersion: new PublishRateCardVersionHandler(streams.rateCards),
    defineRule: new DefineAllocationRuleHandler(streams.rules, directory, catalog, sections),
    reviseRule: new ReviseAllocationRuleHandler(streams.rules, directory),
    retireRule: new RetireAllocationRuleHandler(streams.rules),
    planBudget: new PlanBudgetHandler(streams.budgets, streams.costCenters, directory, sections),
    reviseBudget: new ReviseBudgetPlanHandler(streams.budgets),
    recordActual: new RecordBudgetActualHandler(streams.budgets, rates),
    recordCommitment: new RecordBudgetCommitmentHandler(streams.budgets, rates),
    setExchangeRate: new SetExchangeRateHandler(streams.exchangeRates),
    recordUsage: new RecordUsageHandler(streams.usage, catalog, directory),
    importLedger: new ImportLedgerHandler(streams.ledgerImports, directory, deps.runs, sections, deps.clock),
    ledgerImportStatus: new LedgerImportStatusQuery(streams.ledgerImports, deps.runs),
    labourCosts: new LabourCostsQuery(deps.incidents, streams.rateCards),
    publishCreditPolicy: new PublishCreditPolicyVersionHandler(streams.creditPolicies, streams.costCenters, catalog),
    creditPolicy: new CreditPolicyQuery(streams.creditPolicies),
    openDispute: new OpenDisputeHandler(streams.disputes, streams.periods),
    reviewDispute: new StartDisputeReviewHandler(streams.disputes),
    resolveDispute: new ResolveDisputeHandler(streams.disputes),
    dispute: new DisputeQuery(streams.disputes),
  };
};

/**
 * Finance's command side on in-memory PGlite or the PostgreSQL server (random schemas), with its projections (the
 * directory, the copies of the catalog and of incidents) following the log live, as a host runs them.
 */
export const openFinanceTestKit = async (on: 'pglite' | 'postgres' = 'pglite', start = '2026-03-02T09:30:00.000Z'): Promise<FinanceTestKit> => {
  const [schema, checkpointSchema, financeSchema, logSchema] = [randomName('fin_rm'), randomName('fin_cp'), randomName('fin'), randomName('fin_log')];
  let store: EventStore;
  let db: SqlExecutor;
  let dispose: () => Promise<void>;
  if (on === 'pglite') {
    const pglite = await openPglite();
    store = await createPgliteEventStore({ db: pglite, pollIntervalMs: 20 });
    db = createPgliteExecutor(pglite, { ownsDatabase: false });
    dispose = async () => {
      await store.close();
      await pglite.close();
    };
  } else {
    const connectionString = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
    store = await createPostgresEventStore({ connectionString, schema: logSchema, pollIntervalMs: 20 });
    db = createPgExecutor({ connectionString, max: 6 });
    dispose = async () => {
      await store.close();
      for (const name of [logSchema, schema, checkpointSchema, financeSchema]) await db.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      await db.close();
    };
  }
  const runtime = await ProjectionRuntime.create({ db, source: store, projections: financeApplicationProjections(), schema, checkpointSchema });
  await runtime.start();
  const clock = new SettableClock(new Date(start));
  const pipeline = writePipelineOn(store);
  const streams = {
    costCenters: new CostCenterStreams(pipeline, clock),
    costPools: new CostPoolStreams(pipeline, clock),
    rateCards: new RateCardStreams(pipeline, clock),
    budgets: new BudgetStreams(pipeline, clock),
    rules: new AllocationRuleStreams(pipeline, clock),
    exchangeRates: new ExchangeRateStreams(pipeline, clock),
    usage: new UsageBatchStreams(pipeline, clock),
    ledgerImports: new LedgerImportStreams(pipeline, clock),
    creditPolicies: new CreditPolicyStreams(pipeline, clock),
    serviceCredits: new ServiceCreditsStreams(pipeline, clock),
    disputes: new DisputeStreams(pipeline, clock),
    periods: new PeriodStreams(pipeline, clock),
  };
  const directory = new SqlFinanceDirectory(db, store, { schema, checkpointSchema });
  const catalog = new SqlFinanceCatalog(db, schema);
  const incidents = new SqlFinanceIncidents(db, schema);
  const runs = new SqlLedgerImportRuns(db, financeSchema);
  const sections = createExclusiveSections(db);
  const skippedBreaches: SkippedBreach[] = [];
  const serviceCredits = new ServiceCreditsProcess(streams.serviceCredits, streams.creditPolicies, catalog, new ServiceCreditMemory(db, financeSchema), (skipped) => skippedBreaches.push(skipped));
  const processes = await ProcessRunner.create({ db, source: store, processes: [serviceCredits], checkpointSchema });
  return {
    store,
    db,
    clock,
    directory,
    catalog,
    incidents,
    streams,
    handlers: handlersOf({ streams, directory, catalog, incidents, runs, sections, clock }),
    credits: new SqlFinanceCredits(db, schema),
    serviceCredits,
    skippedBreaches,
    async settleProcesses() {
      await runtime.catchUp();
      await processes.catchUp();
      await runtime.catchUp();
    },
    async appendForeign(streamId, events) {
      for (const { type, data, actor } of events) {
        await store.appendToStream(streamId, [{ type, data, metadata: { actor: actor ?? { id: 'someone', role: 'service-owner' }, correlationId: newId() } }], { expectedRevision: 'any' });
      }
      await runtime.catchUp();
    },
    settle: async () => {
      await runtime.catchUp();
    },
    async close() {
      await runtime.stop();
      await dispose();
    },
  };
};
