import { Readable } from 'node:stream';
import { incidentStreamId, serviceStreamId } from '@itsm/contracts';
import { newId, type Clock, type EventMetadata } from '@itsm/event-sourcing';
import { createExclusiveSections, createPgExecutor, createPostgresEventStore, type EventStore, type SqlExecutor } from '@itsm/event-store';
import {
  AllocationRuleStreams,
  ClosePeriodHandler,
  CostCenterStreams,
  CostPoolStreams,
  CreateRateCardHandler,
  DefineAllocationRuleHandler,
  ExchangeRateStreams,
  financeApplicationProjections,
  ImportLedgerHandler,
  LedgerImportStreams,
  OpenCostCenterHandler,
  OpenCostPoolHandler,
  PeriodInputsReader,
  PeriodStreams,
  PublishRateCardVersionHandler,
  PublishStatementsHandler,
  RecentLedgerImports,
  RecentPeriodLogs,
  RecentRunComputations,
  RateCardStreams,
  RecordUsageHandler,
  RunPeriodHandler,
  SetExchangeRateHandler,
  SqlFinanceCatalog,
  SqlFinanceCredits,
  SqlFinanceDirectory,
  SqlFinanceIncidents,
  SqlLedgerImportRuns,
  UsageBatchStreams,
} from '@itsm/finance-application';
import type { ReconciliationV1 } from '@itsm/contracts';
import { writePipelineOn } from '@itsm/platform-kit';
import { ProjectionRuntime } from '@itsm/projections';
import { progress } from '../shared/report';
import { AGENT_RATE_CENTS, BENCH_PERIOD, costCenterSpecs, generateFinanceData, ledgerFiles, percentOf, REPORTING_CURRENCY, type BenchCostCenter, type FinanceBenchData, type FinanceBenchSizes } from './finance-data';

/*
 * Ours: finance's command side on the PostgreSQL server, wired as FinanceApplicationModule wires it (the handlers on
 * the write pipeline, the directory and the copies on their projections), seeded through the same handlers the API
 * calls, then the period closed by the very handlers behind POST /finance/periods/:period/run, /publish and /close.
 */

const METADATA: EventMetadata = { actor: { id: 'bench', role: 'finance', via: 'api' }, correlationId: 'finance-bench' };
const LINES_PER_FILE = 25_000;
const USAGE_PER_BATCH = 1_000;
const SCHEMA = 'read_models';
const CHECKPOINTS = 'read_model_checkpoints';

/** The figures of one close: the reconciliation's consumers and pools in reporting cents, and its timings. */
export interface OursClose {
  runMs: number;
  publishMs: number;
  closeMs: number;
  statements: number;
  ledgerLineCount: number;
  balanced: boolean;
  consumers: Map<string, bigint>;
  /** What each pool and each service allocated. */
  sources: Map<string, bigint>;
  unallocatedCents: bigint;
}

export interface OursContender {
  data: FinanceBenchData;
  costCenters: BenchCostCenter[];
  events: number;
  seedMs: number;
  /** One run of the period (it may run again while open): the reconciliation it recorded. */
  run(): Promise<{ ms: number; reconciliation: ReconciliationV1 }>;
  /** Run, publish, close: what closing a period takes. */
  closePeriod(): Promise<OursClose>;
  close(): Promise<void>;
}

const cents = (amount: string): bigint => {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const value = BigInt(whole + fraction.padEnd(2, '0'));
  return negative ? -value : value;
};

export const openOurs = async (connectionString: string, sizes: FinanceBenchSizes): Promise<OursContender> => {
  const store: EventStore = await createPostgresEventStore({ connectionString, poolSize: 4 });
  const db: SqlExecutor = createPgExecutor({ connectionString, max: 4 });
  const runtime = await ProjectionRuntime.create({ db, source: store, projections: financeApplicationProjections(), schema: SCHEMA, checkpointSchema: CHECKPOINTS });
  await runtime.start();
  const clock: Clock = { now: () => new Date('2026-04-02T09:00:00.000Z') };
  const pipeline = writePipelineOn(store);
  const directory = new SqlFinanceDirectory(db, store, { schema: SCHEMA, checkpointSchema: CHECKPOINTS });
  const catalog = new SqlFinanceCatalog(db, SCHEMA);
  const incidents = new SqlFinanceIncidents(db, SCHEMA);
  const sections = createExclusiveSections(db);
  const costCenterStreams = new CostCenterStreams(pipeline, clock);
  const periods = new PeriodStreams(pipeline, clock);
  // As FinanceApplicationModule provides it: the lines of the imports it read, and what it read of the log for each
  // period, are kept for the period's next run.
  const reader = new PeriodInputsReader(store, new RecentLedgerImports(), new RecentPeriodLogs());
  const settings = { reportingCurrency: REPORTING_CURRENCY };
  // One per host, as FinanceApplicationModule provides it: publish takes the run's computation from it.
  const recent = new RecentRunComputations();
  const handlers = {
    openCostCenter: new OpenCostCenterHandler(costCenterStreams, directory, sections),
    openCostPool: new OpenCostPoolHandler(new CostPoolStreams(pipeline, clock), costCenterStreams),
    createRateCard: new CreateRateCardHandler(new RateCardStreams(pipeline, clock)),
    publishRateCardVersion: new PublishRateCardVersionHandler(new RateCardStreams(pipeline, clock)),
    defineRule: new DefineAllocationRuleHandler(new AllocationRuleStreams(pipeline, clock), directory, catalog, sections),
    setExchangeRate: new SetExchangeRateHandler(new ExchangeRateStreams(pipeline, clock)),
    recordUsage: new RecordUsageHandler(new UsageBatchStreams(pipeline, clock), catalog, directory),
    importLedger: new ImportLedgerHandler(new LedgerImportStreams(pipeline, clock), directory, new SqlLedgerImportRuns(db, 'finance'), sections, clock),
    runPeriod: new RunPeriodHandler(periods, reader, store, incidents, settings, new SqlFinanceCredits(db, SCHEMA), recent),
    publish: new PublishStatementsHandler(periods, reader, recent),
    closePeriod: new ClosePeriodHandler(periods),
  };

  const seedStarted = performance.now();
  progress(` finance (ours): opening ${sizes.costCenters} cost centers and ${sizes.pools} pools`);
  const costCenters: BenchCostCenter[] = [];
  for (const spec of costCenterSpecs(sizes.costCenters)) {
    const opened = await handlers.openCostCenter.execute({ ...spec, name: `Cost center ${spec.code}` }, METADATA);
    costCenters.push({ ...spec, id: opened.state.costCenterId });
  }
  const poolIds: string[] = [];
  for (let index = 0; index < sizes.pools; index++) {
    poolIds.push((await handlers.openCostPool.execute({ name: `Pool ${index + 1}`, currency: 'EUR', ownerCostCenterId: costCenters[index % costCenters.length].id }, METADATA)).state.costPoolId);
  }
  const data = generateFinanceData(sizes, costCenters, poolIds);

  progress(` finance (ours): ${sizes.services} services and ${sizes.workLogs} incidents with work logs, as the catalog and incidents contexts write them`);
  const foreign = { actor: { id: 'olivia', role: 'service-owner' }, correlationId: newId() };
  for (const [index, serviceId] of data.serviceIds.entries()) {
    await store.appendToStream(serviceStreamId(serviceId), [{
      type: 'ServiceRegistered',
      data: { serviceId, number: `SVC${String(index + 1).padStart(7, '0')}`, name: `Service ${index + 1}`, kind: 'business', description: 'bench', ownerGroup: 'o', supportGroup: 's', criticality: 'medium', lifecycle: 'pipeline', registeredAt: '2026-02-01T00:00:00.000Z' },
      metadata: foreign,
    }], { expectedRevision: 'no-stream' });
  }
  for (const [index, work] of data.work.entries()) {
    const agent = { actor: { id: 'adam', role: 'agent' }, correlationId: newId() };
    await store.appendToStream(incidentStreamId(work.incidentId), [
      { type: 'IncidentOpened', data: { incidentId: work.incidentId, number: work.number, serviceId: work.serviceId, offeringId: null, priority: 'P3', callerId: 'c', shortDescription: 's', description: 'd', impact: 2, urgency: 2, state: 'new', openedAt: work.loggedAt }, metadata: agent },
      { type: 'IncidentWorkLogged', data: { incidentId: work.incidentId, entryId: `w${index}`, entry: 'work', minutesSpent: work.minutes, loggedBy: 'adam', loggedAt: work.loggedAt }, metadata: agent },
    ], { expectedRevision: 'no-stream' });
    if ((index + 1) % 1_000 === 0) progress(`   ${index + 1}/${data.work.length} incidents`);
  }
  await runtime.catchUp();

  progress(` finance (ours): exchange rates, the rate card, ${poolIds.length + data.serviceIds.length} allocation rules`);
  for (const rate of data.rates) await handlers.setExchangeRate.execute(rate, METADATA);
  const rateCardId = (await handlers.createRateCard.execute({ name: 'Labour' }, METADATA)).state.rateCardId;
  await handlers.publishRateCardVersion.execute(rateCardId, { effectiveFrom: '2026-01-01', currency: 'EUR', roleRates: { agent: { amount: `${AGENT_RATE_CENTS / 100n}.${String(AGENT_RATE_CENTS % 100n).padStart(2, '0')}`, currency: 'EUR' } }, unitPrices: {} }, METADATA);
  for (const pool of data.pools) {
    const shares = pool.shares.map(({ consumerCostCenterId, basisPoints }) => ({ consumerCostCenterId, percent: percentOf(basisPoints) }));
    await handlers.defineRule.execute({ name: `Pool ${pool.id}`, source: { kind: 'pool', id: pool.id }, method: { kind: 'percentage', shares } }, METADATA);
  }
  for (const [index, serviceId] of data.serviceIds.entries()) {
    await handlers.defineRule.execute({ name: `Service ${serviceId}`, source: { kind: 'service', id: serviceId }, method: { kind: 'usage-units', unit: 'seat' } }, METADATA);
    if ((index + 1) % 250 === 0) progress(`   ${index + 1}/${data.serviceIds.length} service rules`);
  }

  progress(` finance (ours): ${data.usage.length} usage records in batches of ${USAGE_PER_BATCH}`);
  for (let start = 0; start < data.usage.length; start += USAGE_PER_BATCH) {
    const records = data.usage.slice(start, start + USAGE_PER_BATCH).map((record) => ({ ...record, unit: 'seat', quantity: String(record.quantity) }));
    await handlers.recordUsage.execute({ reference: `usage-${start}`, records }, METADATA);
  }

  const files = ledgerFiles(data.ledger, LINES_PER_FILE);
  for (const [index, csv] of files.entries()) {
    progress(` finance (ours): ledger file ${index + 1}/${files.length} (CSV, streamed through the import handler)`);
    await handlers.importLedger.execute({ fileName: `gl-${index + 1}.csv`, body: Readable.from([csv]), bytesExpected: Buffer.byteLength(csv) }, METADATA);
  }
  await runtime.catchUp();
  const seedMs = performance.now() - seedStarted;
  const events = await countEvents(store);

  const run = async () => {
    const started = performance.now();
    const result = await handlers.runPeriod.execute({ period: BENCH_PERIOD, labourRateCardId: rateCardId }, METADATA);
    const ms = performance.now() - started;
    const latest = result.state.latestRun;
    if (latest === null) throw new Error('The run recorded nothing');
    return { ms, reconciliation: latest.reconciliation };
  };

  return {
    data,
    costCenters,
    events,
    seedMs,
    run,
    async closePeriod() {
      const { ms: runMs, reconciliation } = await run();
      let started = performance.now();
      const published = await handlers.publish.execute({ period: BENCH_PERIOD, mode: 'chargeback' }, METADATA);
      const publishMs = performance.now() - started;
      started = performance.now();
      await handlers.closePeriod.execute(BENCH_PERIOD, METADATA);
      const closeMs = performance.now() - started;
      return {
        runMs,
        publishMs,
        closeMs,
        statements: published.state.statements.length,
        ledgerLineCount: reconciliation.ledger.lineCount,
        balanced: reconciliation.balanced,
        consumers: new Map(reconciliation.consumers.map((consumer) => [consumer.costCenterId, cents(consumer.total.amount)])),
        sources: new Map([
          ...reconciliation.pools.map((pool): [string, bigint] => [pool.poolId, cents(pool.allocated.amount)]),
          ...reconciliation.services.map((service): [string, bigint] => [service.serviceId, cents(service.allocated.amount)]),
        ]),
        unallocatedCents: reconciliation.unallocated.reduce((sum, line) => sum + cents(line.amount.amount), 0n),
      };
    },
    async close() {
      await runtime.stop();
      await store.close();
      await db.close();
    },
  };
};

/** Events in the log (the seed's size). */
const countEvents = async (store: EventStore): Promise<number> => {
  let position = -1;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, maxCount: 10_000 });
    count += page.events.length;
    if (page.events.length === 0 || page.lastPosition <= position) return count;
    position = page.lastPosition;
  }
};
