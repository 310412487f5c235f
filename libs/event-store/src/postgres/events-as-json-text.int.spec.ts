import { newId, waitUntil, type NewEvent } from '@itsm/event-sourcing';
import type { RecordedEventJson } from '../event-store.port';
import type { EventStoreContractHarness } from '../testing/event-store-contract.harness';
import { pgliteContractHarness, postgresContractHarness } from './sql-contract.harness';
import { testDatabaseUrl } from './test-database-url';

const texted = (data: unknown): NewEvent => ({
  type: 'Texted',
  data,
  metadata: { actor: { id: 'user-1', role: 'agent', via: 'web' }, correlationId: newId() },
});

describe.each([
  ['PGlite', () => pgliteContractHarness()],
  ['PostgreSQL', () => postgresContractHarness(testDatabaseUrl())],
])('subscribeToAllJson on %s', (_, openHarness: () => Promise<EventStoreContractHarness>) => {
  let harness: EventStoreContractHarness;

  beforeEach(async () => {
    harness = await openHarness();
  });

  afterEach(() => harness.dispose());

  it('delivers the events subscribeToAll does, with data and actor as their stored JSON text', async () => {
    const { store } = harness;
    await store.appendToStream('json-1', [texted({ note: 'é "quoted" \\ ✓', n: [1, 2.5, null] }), texted(null)], {
      expectedRevision: 'no-stream',
    });
    await store.appendToStream('json-2', [texted({ nested: { deep: true } })], { expectedRevision: 'no-stream' });
    const received: RecordedEventJson[] = [];
    const subscription = store.subscribeToAllJson?.({ batchSize: 2, onEvent: async (event) => void received.push(event) });
    await waitUntil('three events as JSON text', () => received.length >= 3, 15_000);
    await subscription?.stop();

    expect(received.every((event) => typeof event.dataJson === 'string' && typeof event.actorJson === 'string')).toBe(true);
    const parsed = received.map(({ dataJson, actorJson, ...envelope }) => ({ ...envelope, data: JSON.parse(dataJson), actor: JSON.parse(actorJson) }));
    expect(parsed).toEqual((await store.readAll()).events);
  });
});
