import { costCenterStreamId, ledgerImportStreamId, usageBatchStreamId } from '@itsm/contracts';
import type { EventMetadata } from '@itsm/event-sourcing';
import { createInMemoryEventStore, type EventStore } from '@itsm/event-store';
import { writePipelineOn } from '@itsm/platform-kit';
import type { FinanceIncidents } from '../ports/finance-incidents.port';
import { PeriodInputsReader } from '../periods/period-inputs.reader';
import { PeriodStreams } from '../periods/period-streams';
import { RecentRunComputations } from '../periods/recent-run-computations';
import { RunPeriodHandler } from './run-period.handler';

const METADATA: EventMetadata = { actor: { id: 'fiona', role: 'finance' }, correlationId: 'run-period-spec' };
const CENTER = '0190f5a4-1111-7000-8000-000000000001';
const IMPORT_ID = '0190f5a4-2222-7000-8000-000000000002';
const BATCH_ID = '0190f5a4-3333-7000-8000-000000000003';
const SERVICE = '0190f5a4-4444-7000-8000-000000000004';

const aPeriodWithALedgerLine = async (store: EventStore) => {
  await store.appendToStream(costCenterStreamId(CENTER), [
    { type: 'CostCenterOpened', data: { costCenterId: CENTER, code: 'HR', name: 'HR', currency: 'EUR', parentId: null, openedAt: '2026-03-01T00:00:00.000Z' }, metadata: METADATA },
  ], { expectedRevision: 'no-stream' });
  const line = { lineNumber: 2, postedOn: '2026-03-02', account: '6100', target: { kind: 'cost-center', id: CENTER }, amount: { amount: '99.99', currency: 'EUR' }, sourceReference: 'JE-1', description: 'rent' };
  await store.appendToStream(ledgerImportStreamId(IMPORT_ID), [
    { type: 'LedgerImported', data: { importId: IMPORT_ID, contentSha256: 'a'.repeat(64), fileName: 'gl.csv', lineCount: 1, chunkCount: 1, totals: [{ amount: '99.99', currency: 'EUR' }], firstPostedOn: '2026-03-02', lastPostedOn: '2026-03-02', importedAt: '2026-04-02T09:00:00.000Z' }, metadata: METADATA },
    { type: 'LedgerLinesImported', data: { importId: IMPORT_ID, chunk: 1, lines: [line] }, metadata: METADATA },
  ], { expectedRevision: 'no-stream' });
};

const runHandler = (store: EventStore, recent: RecentRunComputations) => {
  const noWork: Pick<FinanceIncidents, 'workLogged'> = { workLogged: async () => [] };
  const clock = { now: () => new Date('2026-04-02T09:00:00.000Z') };
  return new RunPeriodHandler(new PeriodStreams(writePipelineOn(store), clock), new PeriodInputsReader(store), store, noWork as FinanceIncidents, { reportingCurrency: 'EUR' }, { creditsFor: async () => [] }, recent);
};

const recordUsage = (store: EventStore) =>
  store.appendToStream(usageBatchStreamId(BATCH_ID), [
    { type: 'UsageRecorded', data: { batchId: BATCH_ID, reference: 'usage-1', records: [{ serviceId: SERVICE, consumerCostCenterId: CENTER, unit: 'seat', quantity: '3', postedOn: '2026-03-05', reference: null }], recordedAt: '2026-03-20T00:00:00.000Z' }, metadata: METADATA },
  ], { expectedRevision: 'no-stream' });

describe('RunPeriodHandler: running an open period again', () => {
  const runTwice = async (between: (store: EventStore) => Promise<unknown>) => {
    const store = createInMemoryEventStore();
    await aPeriodWithALedgerLine(store);
    const recent = new RecentRunComputations();
    const handler = runHandler(store, recent);
    const first = (await handler.execute({ period: '2026-03' }, METADATA)).state.latestRun;
    const firstComputation = first === null ? undefined : recent.recall(first);
    await between(store);
    const second = (await handler.execute({ period: '2026-03' }, METADATA)).state.latestRun;
    return { first, second, firstComputation, secondComputation: second === null ? undefined : recent.recall(second) };
  };

  it('given a run, when the period runs again on the same inputs, then it records a new run with the last run’s computation (not computed again)', async () => {
    const { first, second, firstComputation, secondComputation } = await runTwice(async () => undefined);

    expect([first?.runNumber, second?.runNumber]).toEqual([1, 2]);
    expect(second?.inputs.logPosition).toBeGreaterThan(first?.inputs.logPosition ?? Infinity);
    expect(firstComputation).toBeDefined();
    expect(secondComputation).toBe(firstComputation);
    expect(second?.reconciliation).toEqual(first?.reconciliation);
    expect(second?.statements).toEqual([{ costCenterId: CENTER, lineCount: 1, reportingTotal: { amount: '99.99', currency: 'EUR' } }]);
  });

  it('given a run, when an input changed before the next run (usage metered in the period), then that run computes again', async () => {
    const { second, firstComputation, secondComputation } = await runTwice(recordUsage);

    expect(secondComputation).toBeDefined();
    expect(secondComputation).not.toBe(firstComputation);
    expect(second?.inputs.usageBatches.map((batch) => batch.recordCount)).toEqual([1]);
  });
});
