import { PERSONAL_DATA_FIELDS, upcastEvent } from '@itsm/contracts';
import { newId, streamName, waitUntil } from '@itsm/event-sourcing';
import { InMemorySubjectKeys, isPiiEnvelope, protectPersonalData, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { fromCloudEventMessage, toCloudEventMessage } from '../cloudevents/cloudevent-message.mapping';
import { InProcessMessageBus } from '../in-process/in-process-message-bus.adapter';
import type { IncomingMessage, MessageBus, OutgoingMessage } from '../port/message-bus.port';
import {
  appendInterleaved,
  openPgliteRelayDatabase,
  openPostgresRelayDatabase,
  relayTestDatabaseUrl,
  type RelayTestDatabase,
} from '../testing/relay-test-databases';
import { EventRelay, type EventRelayOptions } from './event-relay';

const TOPICS = [
  'itsm.incidents.events.v1',
  'itsm.changes.events.v1',
  'itsm.catalog.events.v1',
  'itsm.finance.events.v1',
];

/** A bus that remembers which relay published what, and can be told to fail. */
const recordingBus = (inner: MessageBus, published: OutgoingMessage[], failures = { left: 0 }): MessageBus => ({
  publish: async (messages) => {
    if (failures.left > 0) {
      failures.left--;
      throw new Error('broker unavailable');
    }
    await inner.publish(messages);
    published.push(...messages);
  },
  subscribe: (options) => inner.subscribe(options),
  ping: () => inner.ping(),
  close: () => inner.close(),
});

/** A message with its JSON parts parsed: the JSON text path and the parsed path publish equal values. */
const asValues = (message: OutgoingMessage) => ({
  ...message,
  value: JSON.parse(message.value.toString('utf8')) as unknown,
  headers: { ...message.headers, ce_actor: JSON.parse(message.headers['ce_actor']) as unknown },
});

const consumeAll = async (bus: MessageBus, groupId: string, received: IncomingMessage[]) =>
  bus.subscribe({ groupId, topics: TOPICS, handler: async (message) => void received.push(message) });

const expectPerStreamOrder = (received: IncomingMessage[], streams: string[], eventsPerStream: number) => {
  const events = received.map(fromCloudEventMessage);
  for (const stream of streams) {
    expect(events.filter((e) => e.streamId === stream).map((e) => e.streamRevision)).toEqual(
      Array.from({ length: eventsPerStream }, (_, i) => i),
    );
  }
};

describe.each([
  ['PGlite', openPgliteRelayDatabase],
  ['PostgreSQL', () => openPostgresRelayDatabase(relayTestDatabaseUrl())],
])('EventRelay on %s', (_, openDatabase: () => Promise<RelayTestDatabase>) => {
  let database: RelayTestDatabase;
  let bus: InProcessMessageBus;
  const relays: EventRelay[] = [];
  const executors: SqlExecutor[] = [];

  const relay = (overrides: Partial<EventRelayOptions> & { bus: MessageBus }) => {
    const executor = database.executor();
    executors.push(executor);
    const created = new EventRelay({
      store: database.store,
      executor,
      schema: database.relaySchema,
      batchSize: 50,
      leaseTtlMs: 1500,
      retryDelayMs: 20,
      ...overrides,
    });
    relays.push(created);
    return created;
  };

  beforeEach(async () => {
    database = await openDatabase();
    bus = new InProcessMessageBus();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await bus.close();
    await database.close();
  });

  it('publishes every event as CloudEvents on its context topic, in stream order, and checkpoints', async () => {
    const streams = await appendInterleaved(database.store, 8, 25);
    const published: OutgoingMessage[] = [];
    const leader = relay({ bus: recordingBus(bus, published), holder: 'a' });
    await leader.start();
    await waitUntil(
      () => `${published.length} of 200 published`,
      () => published.length >= 200,
      10_000,
    );

    const received: IncomingMessage[] = [];
    await consumeAll(bus, 'check', received);
    await waitUntil(
      () => `${received.length} of 200 received`,
      () => received.length >= 200,
      5_000,
    );
    expectPerStreamOrder(received, streams, 25);
    expect(received.every((m) => m.key === m.headers['ce_subject'])).toBe(true);
    expect(new Set(received.map((m) => m.topic))).toEqual(new Set(TOPICS));
    const lastPosition = Math.max(...received.map((m) => Number(m.headers['ce_sequence'])));
    await waitUntil(
      () => JSON.stringify(leader.progress()),
      () => leader.progress().lastPosition === lastPosition,
      5_000,
    );
    expect(leader.progress()).toMatchObject({ leader: true, publishedEvents: 200, holder: 'a' });

    // Live: events appended while it runs follow without a restart.
    await appendInterleaved(database.store, 2, 3);
    await waitUntil(
      () => `${published.length} of 206 published`,
      () => published.length >= 206,
      5_000,
    );
  });

  it('publishes the stored JSON text equal in value to the parsed mapping, upcast to the latest version', async () => {
    await appendInterleaved(database.store, 3, 4);
    const metadata = { actor: { id: 'agent-7', role: 'agent', via: 'web' }, correlationId: newId(), causationId: null };
    // IncidentAssigned v1 has an upcaster: that event is parsed and published as v2.
    await database.store.appendToStream(
      streamName('incident'),
      [
        { type: 'IncidentAssigned', schemaVersion: 1, data: { group: 'network', agent: 'ana', note: 'é "quoted", \\ ✓' }, metadata },
        { type: 'SomethingHappened', data: null, metadata },
      ],
      { expectedRevision: 'no-stream' },
    );
    const published: OutgoingMessage[] = [];
    await relay({ bus: recordingBus(bus, published), topicPrefix: 'json.' }).start();
    await waitUntil(
      () => `${published.length} of 14`,
      () => published.length >= 14,
      10_000,
    );
    const expected = (await database.store.readAll()).events.map((event) => {
      const message = toCloudEventMessage(upcastEvent(event));
      return { ...message, topic: `json.${message.topic}` };
    });
    expect(published.map(asValues)).toEqual(expected.map(asValues));
    const assigned = published.find((m) => m.headers['ce_type'] === 'itsm.incidents.IncidentAssigned.v2');
    expect(JSON.parse(String(assigned?.value))).toMatchObject({ assignmentGroup: 'network', assignee: 'ana' });
  });

  it('publishes what its store reads: personal fields decrypted through the protecting store, as stored beneath it', async () => {
    const protectedStore = protectPersonalData(database.store, { keys: new InMemorySubjectKeys(), policy: PERSONAL_DATA_FIELDS });
    const opened = { callerId: 'caller-1', shortDescription: 'Printer on fire', description: 'Smoke', priority: 2 };
    await protectedStore.appendToStream(
      streamName('incident'),
      [{ type: 'IncidentOpened', data: opened, metadata: { actor: { id: 'caller-1' }, correlationId: newId() } }],
      { expectedRevision: 'no-stream' },
    );
    const relayed = async (store: EventStore, name: string) => {
      const published: OutgoingMessage[] = [];
      await relay({ bus: recordingBus(bus, published), store, name }).start();
      await waitUntil(
        () => `${published.length} of 1`,
        () => published.length >= 1,
        10_000,
      );
      return JSON.parse(String(published[0].value)) as Record<string, unknown>;
    };
    expect(await relayed(protectedStore, 'decrypting')).toEqual(opened);
    const stored = await relayed(database.store, 'stored');
    expect(isPiiEnvelope(stored['callerId'])).toBe(true);
    expect(stored['priority']).toBe(2);
  });

  it('resumes from its durable checkpoint after a restart, without republishing', async () => {
    await appendInterleaved(database.store, 4, 10);
    const published: OutgoingMessage[] = [];
    const first = relay({ bus: recordingBus(bus, published) });
    await first.start();
    await waitUntil(
      () => `${published.length} of 40`,
      () => published.length >= 40,
      10_000,
    );
    await first.stop();

    const streams = await appendInterleaved(database.store, 3, 5);
    const second = relay({ bus: recordingBus(bus, published) });
    await second.start();
    await waitUntil(
      () => `${published.length} of 55`,
      () => published.length >= 55,
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(published).toHaveLength(55);
    expect(new Set(published.map((m) => m.headers['ce_id'])).size).toBe(55);
    expect(second.progress().publishedEvents).toBe(15);
    expect(streams.every((s) => published.some((m) => m.key === s))).toBe(true);
  });

  it('starts over from the checkpoint after a failed publish, losing nothing', async () => {
    const streams = await appendInterleaved(database.store, 5, 20);
    const published: OutgoingMessage[] = [];
    const errors: unknown[] = [];
    const flaky = relay({ bus: recordingBus(bus, published, { left: 2 }), onError: (e) => errors.push(e) });
    await flaky.start();
    await waitUntil(
      () => `${published.length} of 100`,
      () => published.length >= 100,
      10_000,
    );
    expect(errors.map(String)).toEqual(['Error: broker unavailable', 'Error: broker unavailable']);

    const received: IncomingMessage[] = [];
    await consumeAll(bus, 'check', received);
    await waitUntil(
      () => `${received.length} of 100 received`,
      () => received.length >= 100,
      5_000,
    );
    expectPerStreamOrder(received, streams, 20);
  });

  it('publishes no batch after a fenced checkpoint failed, beyond the one already in flight', async () => {
    await appendInterleaved(database.store, 6, 10);
    const published: OutgoingMessage[] = [];
    const errors: unknown[] = [];
    const admin = database.executor();
    executors.push(admin);
    // Another holder takes the lease while the first batch is in flight: its checkpoint is refused.
    const stealing: MessageBus = {
      ...bus,
      publish: async (messages) => {
        if (published.length === 0) {
          await admin.query(`UPDATE "${database.relaySchema}".leases SET holder = 'thief', expires_at = now() + interval '1 hour'`);
        }
        await bus.publish(messages);
        published.push(...messages);
      },
      subscribe: (options) => bus.subscribe(options),
      ping: () => bus.ping(),
      close: () => bus.close(),
    };
    const robbed = relay({ bus: stealing, batchSize: 10, onError: (error) => errors.push(error) });
    await robbed.start();
    await waitUntil(
      () => `${errors.length} errors`,
      () => errors.length >= 1,
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(String(errors[0])).toContain('no longer holds the lease');
    expect(published.length).toBeLessThanOrEqual(20);
    expect(robbed.progress()).toMatchObject({ lastPosition: null, leader: false });
  });

  it('lets only the lease holder publish when two relays follow one log, and hands over when it stops', async () => {
    await appendInterleaved(database.store, 6, 10);
    const byA: OutgoingMessage[] = [];
    const byB: OutgoingMessage[] = [];
    const a = relay({ bus: recordingBus(bus, byA), holder: 'relay-a' });
    const b = relay({ bus: recordingBus(bus, byB), holder: 'relay-b' });
    await Promise.all([a.start(), b.start()]);
    await waitUntil(
      () => `${byA.length}+${byB.length} of 60`,
      () => byA.length + byB.length >= 60,
      10_000,
    );
    await appendInterleaved(database.store, 2, 5);
    await waitUntil(
      () => `${byA.length}+${byB.length} of 70`,
      () => byA.length + byB.length >= 70,
      10_000,
    );

    const [leader, follower, leaderLog, followerLog] = byA.length > 0 ? [a, b, byA, byB] : [b, a, byB, byA];
    expect(followerLog).toHaveLength(0);
    expect(leaderLog).toHaveLength(70);
    expect(leader.progress().leader).toBe(true);
    expect(follower.progress().leader).toBe(false);

    await leader.stop();
    const streams = await appendInterleaved(database.store, 2, 5);
    await waitUntil(
      () => `${followerLog.length} of 10 after hand-over`,
      () => followerLog.length >= 10,
      10_000,
    );
    expect(leaderLog).toHaveLength(70);
    expect(followerLog.map((m) => m.key).sort()).toEqual(streams.flatMap((s) => Array(5).fill(s)).sort());
  });
});
