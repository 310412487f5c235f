import { newId, verifyChain, type NewEvent } from '@itsm/event-sourcing';
import type { EventStoreContractHarness } from '../testing/event-store-contract.harness';
import { pgliteContractHarness, postgresContractHarness } from './sql-contract.harness';
import { testDatabaseUrl } from './test-database-url';

/** An event of about `lines` × 60 characters of data (a statement with its lines). */
const statement = (index: number, lines: number): NewEvent => ({
  type: 'StatementWritten',
  data: { index, lines: Array.from({ length: lines }, (_, line) => ({ lineId: String(line + 1), description: `line ${line} of statement ${index}`, amount: { amount: `${line}.25`, currency: 'EUR' } })) },
  metadata: { actor: { id: 'user-1', role: 'finance', via: 'api' }, correlationId: newId() },
});

describe.each([
  ['PGlite', () => pgliteContractHarness()],
  ['PostgreSQL', () => postgresContractHarness(testDatabaseUrl())],
])('an append of several MB on %s', (_, openHarness: () => Promise<EventStoreContractHarness>) => {
  let harness: EventStoreContractHarness;

  beforeEach(async () => {
    harness = await openHarness();
  });

  afterEach(() => harness.dispose());

  it('is written in several INSERTs, one transaction: every event at its revision and position, the chain whole, none when the last INSERT fails', async () => {
    const { store } = harness;
    await store.appendToStream('other-1', [statement(0, 1)], { expectedRevision: 'no-stream' });
    // About 3.5 MB of data: four INSERTs or so.
    const events = Array.from({ length: 30 }, (_, index) => statement(index + 1, 2_000));
    const appended = await store.appendToStream('statements-1', events, { expectedRevision: 'no-stream' });

    expect(appended.events.map((event) => [event.streamRevision, event.globalPosition - appended.events[0].globalPosition])).toEqual(events.map((_, index) => [index, index]));
    const stored = await store.readStream('statements-1');
    expect(stored).toEqual(appended.events);
    expect(stored.map((event) => event.data)).toEqual(events.map((event) => event.data));
    expect(verifyChain('statements-1', stored).ok).toBe(true);

    // jsonb refuses \u0000: the last INSERT fails, after the first ones were sent.
    const refusedAtTheEnd = [...events, { ...statement(99, 1), data: { text: 'nul \u0000' } }];
    await expect(store.appendToStream('statements-2', refusedAtTheEnd, { expectedRevision: 'no-stream' })).rejects.toThrow();
    expect((await store.readAll()).events).toHaveLength(31);
    expect(await store.readStream('statements-2')).toEqual([]);
  });
});
