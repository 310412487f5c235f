import { newId, waitUntil, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import type { EventStoreContractHarness } from '../testing/event-store-contract.harness';
import { pgliteContractHarness, postgresContractHarness } from './sql-contract.harness';
import { testDatabaseUrl } from './test-database-url';

const anEvent = (type: string): NewEvent => ({
  type,
  data: { n: 1 },
  metadata: { actor: { id: 'user-1', role: 'agent', via: 'web' }, correlationId: newId() },
});

interface Batch {
  events: RecordedEvent[];
  readUpTo: number;
}

describe.each([
  ['PGlite', () => pgliteContractHarness()],
  ['PostgreSQL', () => postgresContractHarness(testDatabaseUrl())],
])('subscribeToAllBatches on %s', (_, openHarness: () => Promise<EventStoreContractHarness>) => {
  let harness: EventStoreContractHarness;

  beforeEach(async () => {
    harness = await openHarness();
  });

  afterEach(() => harness.dispose());

  it('hands over each read whole, in log order, with the position the read reached past skipped events', async () => {
    const { store } = harness;
    await store.appendToStream('batch-1', [anEvent('Kept'), anEvent('Skipped'), anEvent('Kept')], { expectedRevision: 'no-stream' });
    await store.appendToStream('batch-2', [anEvent('Kept'), anEvent('Skipped')], { expectedRevision: 'no-stream' });
    const batches: Batch[] = [];
    const subscription = store.subscribeToAllBatches?.({
      filter: { types: ['Kept'] },
      batchSize: 2,
      onBatch: async (events, readUpTo) => void batches.push({ events, readUpTo }),
    });
    const log = (await store.readAll()).events;
    await waitUntil('the read to reach the last event', () => batches.at(-1)?.readUpTo === log[4].globalPosition, 15_000);
    await subscription?.stop();

    expect(batches.flatMap((batch) => batch.events)).toEqual(log.filter((event) => event.type === 'Kept'));
    expect(batches.every((batch) => batch.events.length <= 2)).toBe(true);
    expect(subscription?.checkpoint).toBe(log[3].globalPosition);
  });

  it('gathers the appends made while a batch is being handled into the next read', async () => {
    const { store } = harness;
    let releaseFirst = (): void => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const batches: RecordedEvent[][] = [];
    const subscription = store.subscribeToAllBatches?.({
      onBatch: async (events) => {
        batches.push(events);
        if (batches.length === 1) await firstHeld;
      },
    });
    await store.appendToStream('gather-1', [anEvent('First')], { expectedRevision: 'no-stream' });
    await waitUntil('the first batch to be handled', () => batches.length === 1, 15_000);
    for (let n = 0; n < 3; n++) await store.appendToStream(`gather-${n + 2}`, [anEvent('Later')], { expectedRevision: 'no-stream' });
    releaseFirst();
    await waitUntil('the later events', () => batches.flat().length === 4, 15_000);
    await subscription?.stop();

    expect(batches.map((batch) => batch.map((event) => event.type))).toEqual([['First'], ['Later', 'Later', 'Later']]);
  });
});
