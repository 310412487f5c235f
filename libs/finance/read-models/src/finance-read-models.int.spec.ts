import type { RecordedEvent } from '@itsm/event-sourcing';
import { createPgliteExecutor, openPglite, type SqlExecutor } from '@itsm/event-store';
import { liveTablesOf, type Projection } from '@itsm/projections';
import { createFinanceReadModels, financeProjections, type FinanceReadModels } from './finance-read-models';

const ids = {
  top: '0190f3a4-0001-7000-8000-000000000001',
  child: '0190f3a4-0001-7000-8000-000000000002',
  other: '0190f3a4-0001-7000-8000-000000000003',
  pool: '0190f3a4-0002-7000-8000-000000000001',
  card: '0190f3a4-0003-7000-8000-000000000001',
  budget: '0190f3a4-0004-7000-8000-000000000001',
  rule: '0190f3a4-0005-7000-8000-000000000001',
  pair: '0190f3a4-0006-7000-8000-000000000001',
  batch1: '0190f3a4-0007-7000-8000-000000000001',
  batch2: '0190f3a4-0007-7000-8000-000000000002',
  import1: '0190f3a4-0008-7000-8000-000000000001',
  import2: '0190f3a4-0008-7000-8000-000000000002',
};
const service = '0190f3a4-0009-7000-8000-000000000001';
const at = '2026-03-02T09:30:00.000Z';
const eur = (amount: string) => ({ amount, currency: 'EUR' });

let position = 0;
const revisions = new Map<string, number>();
const event = (streamId: string, type: string, data: object): RecordedEvent => {
  const revision = (revisions.get(streamId) ?? -1) + 1;
  revisions.set(streamId, revision);
  position += 1;
  return {
    eventId: `0190f3a4-ffff-7000-8000-${String(position).padStart(12, '0')}`, type, schemaVersion: 1, data, streamId, streamRevision: revision, globalPosition: position,
    occurredAt: at, recordedAt: at, actor: { id: 'fiona', role: 'finance' }, correlationId: 'spec', causationId: null, traceparent: null, hash: 'spec',
  };
};
const usageRecord = (consumer: string, unit: string, quantity: string, postedOn: string) => ({ serviceId: service, consumerCostCenterId: consumer, unit, quantity, postedOn, reference: null });
const line = (n: number, target: string, amount: string, currency = 'EUR', postedOn = '2026-03-05') => ({
  lineNumber: n, postedOn, account: '6200', target: { kind: 'cost-center', id: target }, amount: { amount, currency }, sourceReference: `JE-${n}`, description: 'Licences',
});

// A log of every finance stream, in one global order.
const log: RecordedEvent[] = [
  event(`cost-center-${ids.top}`, 'CostCenterOpened', { costCenterId: ids.top, code: 'IT', name: 'IT', currency: 'EUR', parentId: null, openedAt: at }),
  event(`cost-center-${ids.child}`, 'CostCenterOpened', { costCenterId: ids.child, code: 'IT-OPS', name: 'Ops', currency: 'EUR', parentId: ids.top, openedAt: at }),
  event(`cost-center-${ids.other}`, 'CostCenterOpened', { costCenterId: ids.other, code: 'SALES', name: 'Sales', currency: 'USD', parentId: null, openedAt: at }),
  event(`cost-center-${ids.child}`, 'CostCenterRenamed', { costCenterId: ids.child, name: 'Operations', previousName: 'Ops', renamedAt: at }),
  event(`cost-pool-${ids.pool}`, 'CostPoolOpened', { costPoolId: ids.pool, name: 'Hosting', currency: 'EUR', ownerCostCenterId: ids.top, openedAt: at }),
  event(`rate-card-${ids.card}`, 'RateCardCreated', { rateCardId: ids.card, name: 'IT 2026', createdAt: at }),
  event(`rate-card-${ids.card}`, 'RateCardVersionPublished', { rateCardId: ids.card, version: 1, effectiveFrom: '2026-01-01', currency: 'EUR', roleRates: { agent: eur('60.00') }, unitPrices: {}, publishedAt: at }),
  event(`budget-${ids.budget}`, 'BudgetPlanned', { budgetId: ids.budget, costCenterId: ids.child, period: '2026-Q1', planned: eur('1000.00'), thresholds: [80, 100], plannedAt: at }),
  event(`usage-batch-${ids.batch1}`, 'UsageRecorded', { batchId: ids.batch1, reference: 'm-1', records: [usageRecord(ids.child, 'vm-hour', '10.5', '2026-03-01'), usageRecord(ids.other, 'vm-hour', '2', '2026-03-31')], recordedAt: at }),
  event(`budget-${ids.budget}`, 'BudgetActualRecorded', { budgetId: ids.budget, amount: eur('850.00'), actual: eur('850.00'), postedAt: '2026-03-02', source: 'inv', postingId: null, conversion: null, recordedAt: at }),
  event(`budget-${ids.budget}`, 'BudgetThresholdCrossed', { budgetId: ids.budget, threshold: 80, actual: eur('850.00'), planned: eur('1000.00'), crossedAt: at }),
  event(`allocation-rule-${ids.rule}`, 'AllocationRuleDefined', { ruleId: ids.rule, name: 'Hosting', source: { kind: 'pool', id: ids.pool }, method: { kind: 'equal', consumerCostCenterIds: [ids.child, ids.other] }, definedAt: at }),
  event(`exchange-rate-${ids.pair}`, 'ExchangeRateSet', { from: 'USD', to: 'EUR', date: '2026-03-02', rate: '0.9', setAt: at }),
  event(`usage-batch-${ids.batch2}`, 'UsageRecorded', { batchId: ids.batch2, reference: 'm-2', records: [usageRecord(ids.child, 'vm-hour', '4.50', '2026-03-15'), usageRecord(ids.child, 'gb-month', '1', '2026-04-01')], recordedAt: at }),
  event(`ledger-import-${ids.import1}`, 'LedgerImported', { importId: ids.import1, contentSha256: 'a'.repeat(64), fileName: 'a.csv', lineCount: 2, chunkCount: 1, totals: [eur('15.00')], firstPostedOn: '2026-03-05', lastPostedOn: '2026-03-05', importedAt: at }),
  event(`ledger-import-${ids.import1}`, 'LedgerLinesImported', { importId: ids.import1, chunk: 1, lines: [line(2, ids.child, '10.00'), line(3, ids.top, '5.00')] }),
  event(`ledger-import-${ids.import2}`, 'LedgerImported', { importId: ids.import2, contentSha256: 'b'.repeat(64), fileName: 'b.csv', lineCount: 2, chunkCount: 1, totals: [eur('-2.50'), { amount: '7.25', currency: 'USD' }], firstPostedOn: '2026-03-04', lastPostedOn: '2026-04-02', importedAt: at }),
  event(`ledger-import-${ids.import2}`, 'LedgerLinesImported', { importId: ids.import2, chunk: 1, lines: [line(2, ids.child, '-2.50', 'EUR', '2026-03-04'), line(3, ids.child, '7.25', 'USD', '2026-04-02')] }),
  event(`cost-center-${ids.child}`, 'CostCenterMoved', { costCenterId: ids.child, parentId: null, previousParentId: ids.top, movedAt: at }),
  event(`budget-${ids.budget}`, 'BudgetPlanRevised', { budgetId: ids.budget, planned: eur('2000.00'), previousPlanned: eur('1000.00'), reason: 'more', revisedAt: at }),
  event(`budget-${ids.budget}`, 'BudgetFellBelowThreshold', { budgetId: ids.budget, threshold: 80, actual: eur('850.00'), planned: eur('2000.00'), fellAt: at }),
  event(`cost-center-${ids.other}`, 'CostCenterClosed', { costCenterId: ids.other, closedAt: at }),
];

/** The same events, each stream in its own order, streams interleaved otherwise (as Kafka may deliver them). */
const perStreamShuffled = (events: RecordedEvent[]): RecordedEvent[] => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const e of events) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
  const queues = [...streams.values()].reverse();
  const out: RecordedEvent[] = [];
  while (queues.some((queue) => queue.length > 0)) for (const queue of queues) out.push(...queue.splice(0, 1));
  return out;
};

const applyAll = async (db: SqlExecutor, schema: string, events: RecordedEvent[]) => {
  for (const e of events) {
    await db.transaction(async (tx) => {
      for (const projection of financeProjections as Projection[]) {
        if (projection.eventTypes.includes(e.type)) await projection.apply(tx, e, liveTablesOf(projection, schema));
      }
    });
  }
};

const dump = async (db: SqlExecutor, schema: string) => {
  const tables: Record<string, unknown[]> = {};
  for (const projection of financeProjections as Projection[]) {
    for (const [bare, table] of Object.entries(liveTablesOf(projection, schema))) {
      tables[bare] = (await db.query(`SELECT * FROM ${table}`)).map((row) => JSON.stringify(row)).sort();
    }
  }
  return tables;
};

describe('finance read models (PGlite)', () => {
  let db: SqlExecutor;
  let readModels: FinanceReadModels;

  beforeAll(async () => {
    db = createPgliteExecutor(await openPglite(), { ownsDatabase: true });
    for (const schema of ['read_models', 'shuffled']) {
      await db.exec(`CREATE SCHEMA ${schema}; ${(financeProjections as Projection[]).map((p) => p.createTables(liveTablesOf(p, schema))).join('\n')}`);
    }
    await applyAll(db, 'read_models', log);
    await applyAll(db, 'shuffled', perStreamShuffled(log));
    readModels = createFinanceReadModels({ db });
  });
  afterAll(() => db.close());

  it('gives the same rows whatever the interleaving of streams (per-stream order kept)', async () => {
    expect(perStreamShuffled(log).map((e) => e.globalPosition)).not.toEqual(log.map((e) => e.globalPosition));
    expect(await dump(db, 'shuffled')).toEqual(await dump(db, 'read_models'));
  });

  it('lists cost centers by code, a level of the hierarchy, with their state', async () => {
    expect((await readModels.costCenterList.list()).items.map((c) => [c.code, c.name, c.parentId, c.status, c.childCount, c.revision])).toEqual([
      ['IT', 'IT', null, 'opened', 0, 0],
      ['IT-OPS', 'Operations', null, 'opened', 0, 2],
      ['SALES', 'Sales', null, 'closed', 0, 1],
    ]);
    expect((await readModels.costCenterList.list({ status: 'opened', limit: 1 })).items.map((c) => c.code)).toEqual(['IT']);
    const page = await readModels.costCenterList.list({ limit: 2 });
    expect((await readModels.costCenterList.list({ limit: 2, cursor: page.nextCursor ?? undefined })).items.map((c) => c.code)).toEqual(['SALES']);
    expect(await readModels.costCenterList.byCode('it-ops')).toMatchObject({ id: ids.child });
    expect((await readModels.costCenterList.list({ parentId: ids.top })).items).toEqual([]);
  });

  it('shows budgets with their figures and the thresholds crossed now', async () => {
    expect(await readModels.budgets.get(ids.budget)).toMatchObject({
      costCenterId: ids.child, period: '2026-Q1', periodStart: '2026-01-01', periodEnd: '2026-03-31', currency: 'EUR',
      planned: '2000.00', committed: '0.00', actual: '850.00', thresholds: [80, 100], crossed: [], revision: 4,
    });
    expect((await readModels.budgets.list({ costCenterId: ids.child, period: '2026-Q1' })).items).toHaveLength(1);
  });

  it('sums usage per month, service, consumer and unit; a quarter covers its months', async () => {
    expect(await readModels.usage.totals({ period: '2026-03' })).toEqual([
      { serviceId: service, consumerCostCenterId: ids.child, unit: 'vm-hour', quantity: '15', records: 2 },
      { serviceId: service, consumerCostCenterId: ids.other, unit: 'vm-hour', quantity: '2', records: 1 },
    ]);
    expect(await readModels.usage.totals({ period: '2026-Q2', consumerCostCenterId: ids.child })).toEqual([
      { serviceId: service, consumerCostCenterId: ids.child, unit: 'gb-month', quantity: '1', records: 1 },
    ]);
  });

  it('lists ledger lines by period and target with their source references, and the imports', async () => {
    const march = await readModels.ledger.lines({ period: '2026-03', costCenterId: ids.child });
    expect(march.items.map((l) => [l.postedOn, l.amount, l.sourceReference])).toEqual([
      ['2026-03-04', eur('-2.50'), 'JE-2'],
      ['2026-03-05', eur('10.00'), 'JE-2'],
    ]);
    expect((await readModels.ledger.imports()).items.map((i) => [i.id, i.lineCount, i.importedBy])).toEqual([[ids.import1, 2, 'fiona'], [ids.import2, 2, 'fiona']]);
    expect(await db.query(`SELECT month, target_id, currency, amount::text AS amount, lines FROM read_models.finance_ledger_totals WHERE target_id = $1 ORDER BY month, currency`, [ids.child])).toEqual([
      { month: '2026-03', target_id: ids.child, currency: 'EUR', amount: '7.50', lines: 2 },
      { month: '2026-04', target_id: ids.child, currency: 'USD', amount: '7.25', lines: 1 },
    ]);
  });

  it('lists rate cards, cost pools, allocation rules and exchange rates', async () => {
    expect((await readModels.rateCards.list()).items).toEqual([expect.objectContaining({ id: ids.card, versionCount: 1, latestEffectiveFrom: '2026-01-01', latestCurrency: 'EUR' })]);
    expect((await readModels.costPools.list({ ownerCostCenterId: ids.top })).items).toEqual([expect.objectContaining({ id: ids.pool, name: 'Hosting', status: 'opened' })]);
    expect((await readModels.allocationRules.list({ source: { kind: 'pool', id: ids.pool } })).items).toEqual([
      expect.objectContaining({ id: ids.rule, status: 'defined', method: { kind: 'equal', consumerCostCenterIds: [ids.child, ids.other] } }),
    ]);
    expect((await readModels.exchangeRates.list({ from: 'USD' })).items).toEqual([{ from: 'USD', to: 'EUR', date: '2026-03-02', rate: '0.9', setAt: at }]);
  });
});
