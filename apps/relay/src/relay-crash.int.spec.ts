import { randomUUID } from 'node:crypto';
import { waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import type { SqlExecutor } from '@itsm/event-store';
import {
  appendInterleaved,
  createKafkaMessageBus,
  describeWithKafka,
  eventsTopic,
  fromCloudEventMessage,
  openPostgresRelayDatabase,
  relayTestDatabaseUrl,
  type KafkaMessageBus,
  type RelayTestDatabase,
} from '@itsm/messaging';
import { APP_START_LIMIT_MS, startAppProcess, type AppProcess } from '@itsm/platform-kit';

const STREAMS = 200;
const EVENTS_PER_STREAM = 50;
const TOTAL = STREAMS * EVENTS_PER_STREAM;

const readWholeLog = async (database: RelayTestDatabase): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let fromPosition = -1;
  for (;;) {
    const page = await database.store.readAll({ fromPosition, maxCount: 2000 });
    events.push(...page.events);
    if (page.events.length === 0) return events;
    fromPosition = page.lastPosition;
  }
};

describeWithKafka('relay process killed with SIGKILL in the middle of a burst (PostgreSQL → Kafka)', (brokers) => {
  // For a hung run, not a speed check: two relay processes compile from source on a shared 2-core machine.
  jest.setTimeout(15 * 60_000);
  const topicPrefix = `crash-${randomUUID()}.`;
  let database: RelayTestDatabase;
  let executor: SqlExecutor;
  let bus: KafkaMessageBus;
  const processes: AppProcess[] = [];

  const relayEnv = () => ({
    DATABASE_URL: relayTestDatabaseUrl(),
    KAFKA_BROKERS: brokers.join(','),
    EVENT_STORE_SCHEMA: database.storeSchema,
    RELAY_SCHEMA: database.relaySchema,
    ITSM_TOPIC_PREFIX: topicPrefix,
    RELAY_PROGRESS_INTERVAL_MS: '500',
  });
  const startRelay = async () => {
    const relay = startAppProcess('relay', relayEnv());
    processes.push(relay);
    await relay.waitFor('relay started', APP_START_LIMIT_MS);
    return relay;
  };
  const checkpoint = async (): Promise<number> => {
    const rows = await executor.query<{ position: string }>(
      `SELECT position FROM "${database.relaySchema}".checkpoints WHERE name = 'default'`,
    );
    return rows.length === 0 ? 0 : Number(rows[0].position);
  };

  beforeAll(async () => {
    database = await openPostgresRelayDatabase(relayTestDatabaseUrl());
    executor = database.executor();
    bus = createKafkaMessageBus({ brokers, clientId: 'itsm-relay-crash-spec' });
  });

  afterAll(async () => {
    for (const relay of processes) relay.child.kill('SIGKILL');
    await Promise.all(processes.map((relay) => relay.exited));
    await bus?.close();
    await database?.close();
  });

  it('has every event on Kafka after a restart, each stream in order (duplicates allowed)', async () => {
    const first = await startRelay();
    let appendedSoFar = 0;
    const burst = appendInterleaved(database.store, STREAMS, EVENTS_PER_STREAM, (n) => (appendedSoFar = n));

    await waitUntil('the first relay to publish 1,500 events', async () => (await checkpoint()) >= 1500, 60_000, 25);
    first.child.kill('SIGKILL');
    await first.exited;
    const checkpointAtKill = await checkpoint();
    process.stdout.write(`relay killed at checkpoint ${checkpointAtKill} with ${appendedSoFar} of ${TOTAL} appended\n`);
    const streams = await burst;
    const log = await readWholeLog(database);
    expect(log).toHaveLength(TOTAL);
    const head = log[log.length - 1].globalPosition;
    expect(checkpointAtKill).toBeLessThan(head);

    const second = await startRelay();
    const restartedAt = Date.now();
    await waitUntil(`the restarted relay to reach ${head}`, async () => (await checkpoint()) === head, 60_000, 25);
    const rate = Math.round(((head - checkpointAtKill) * 1000) / (Date.now() - restartedAt));
    const reported = second.records.filter((r) => r['msg'] === 'progress').map((r) => r['eventsPerSecond']);
    process.stdout.write(
      `restarted relay caught up ${head - checkpointAtKill} events at ~${rate} events/s (reported: ${reported.join(', ')})\n`,
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const received: RecordedEvent[] = [];
    const topics = ['incidents', 'changes', 'catalog', 'finance'].map((context) => topicPrefix + eventsTopic(context));
    const subscription = await bus.subscribe({
      groupId: `crash-check-${randomUUID()}`,
      topics,
      handler: async (message) => void received.push(fromCloudEventMessage(message)),
    });
    const expectedIds = new Set(log.map((event) => event.eventId));
    await waitUntil(
      `all ${expectedIds.size} events from Kafka`,
      () => new Set(received.map((event) => event.eventId)).size >= expectedIds.size,
      30_000,
      25,
    );
    await subscription.stop();

    const receivedIds = new Set(received.map((event) => event.eventId));
    expect([...expectedIds].filter((id) => !receivedIds.has(id))).toEqual([]);
    for (const stream of streams) {
      const seen = new Set<number>();
      const firstOccurrences: number[] = [];
      for (const event of received) {
        if (event.streamId !== stream || seen.has(event.streamRevision)) continue;
        seen.add(event.streamRevision);
        firstOccurrences.push(event.streamRevision);
      }
      expect(firstOccurrences).toEqual(Array.from({ length: EVENTS_PER_STREAM }, (_, revision) => revision));
    }
    process.stdout.write(
      `received ${received.length} messages for ${TOTAL} events (${received.length - TOTAL} duplicates)\n`,
    );
  });
});
