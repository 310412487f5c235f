import { costCenterStreamId, usageBatchStreamId, type UsageRecordV1 } from '@itsm/contracts';
import type { EventMetadata } from '@itsm/event-sourcing';
import { createInMemoryEventStore, type EventStore } from '@itsm/event-store';
import { PeriodInputsReader } from './period-inputs.reader';
import { RecentPeriodLogs } from './recent-period-logs';

const METADATA: EventMetadata = { actor: { id: 'fiona', role: 'finance' }, correlationId: 'recent-period-logs-spec' };
const FOREIGN = { reportingCurrency: 'EUR', labourRateCard: null, labour: [], credits: [], adjustments: [] };
const SERVICE = '0190f5a4-3333-7000-8000-000000000003';
const idOf = (n: number) => `0190f5a4-${String(n).padStart(4, '0')}-7000-8000-000000000000`;

const openCostCenter = (store: EventStore, n: number) =>
  store.appendToStream(costCenterStreamId(idOf(n)), [
    { type: 'CostCenterOpened', data: { costCenterId: idOf(n), code: `CC${n}`, name: `Cost center ${n}`, currency: 'EUR', parentId: null, openedAt: '2026-03-01T00:00:00.000Z' }, metadata: METADATA },
  ], { expectedRevision: 'no-stream' });
const recordUsage = (store: EventStore, n: number, consumer: number, postedOn: string) => {
  const record: UsageRecordV1 = { serviceId: SERVICE, consumerCostCenterId: idOf(consumer), unit: 'seat', quantity: String(n), postedOn, reference: null };
  return store.appendToStream(usageBatchStreamId(idOf(n)), [
    { type: 'UsageRecorded', data: { batchId: idOf(n), reference: `usage-${n}`, records: [record], recordedAt: '2026-03-20T00:00:00.000Z' }, metadata: METADATA },
  ], { expectedRevision: 'no-stream' });
};
const headOf = async (store: EventStore) => (await store.readAll({ fromPosition: -1 })).lastPosition;

describe('RecentPeriodLogs: a period’s inputs from the log, kept for the next run', () => {
  it('lets a reader read on from where it last read the period: the same inputs as reading the whole log', async () => {
    const store = createInMemoryEventStore();
    await openCostCenter(store, 1);
    await recordUsage(store, 11, 1, '2026-03-02');
    await recordUsage(store, 12, 1, '2026-04-02');
    const readFrom: number[] = [];
    const counting = { readStream: store.readStream.bind(store), readAll: (...args: Parameters<typeof store.readAll>) => (readFrom.push(args[0]?.fromPosition ?? -1), store.readAll(...args)) };
    const reader = new PeriodInputsReader(counting, undefined, new RecentPeriodLogs());
    const firstHead = await headOf(store);
    const first = await reader.read('2026-03', firstHead, FOREIGN);

    await openCostCenter(store, 2);
    await recordUsage(store, 13, 2, '2026-03-31');
    const head = await headOf(store);
    readFrom.length = 0;
    const again = await reader.read('2026-03', head, FOREIGN);
    const fromTheLog = await new PeriodInputsReader(store).read('2026-03', head, FOREIGN);

    expect(readFrom[0]).toBe(firstHead);
    expect(again).toEqual(fromTheLog);
    expect(again.computation.usage.map((record) => record.quantity)).toEqual(['11', '13']);
    expect([first.computation.usage.length, first.manifest.usageBatches.length, first.computation.costCenters.length]).toEqual([1, 1, 1]);
  });

  it('reads from the start up to an earlier position than the one kept (a replay of an earlier run)', async () => {
    const store = createInMemoryEventStore();
    await openCostCenter(store, 1);
    await recordUsage(store, 11, 1, '2026-03-02');
    const earlier = await headOf(store);
    await recordUsage(store, 12, 1, '2026-03-03');
    const reader = new PeriodInputsReader(store, undefined, new RecentPeriodLogs());
    await reader.read('2026-03', await headOf(store), FOREIGN);

    expect(await reader.read('2026-03', earlier, FOREIGN)).toEqual(await new PeriodInputsReader(store).read('2026-03', earlier, FOREIGN));
  });
});
