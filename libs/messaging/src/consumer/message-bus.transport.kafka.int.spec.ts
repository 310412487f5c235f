import type { INestMicroservice } from '@nestjs/common';
import { waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { toCloudEventMessage } from '../cloudevents';
import {
  createKafkaMessageBus,
  type KafkaMessageBus,
} from '../kafka/kafka-message-bus.adapter';
import { describeWithKafka } from '../kafka/describe-with-kafka';
import type {
  IncomingMessage,
  MessageSubscription,
} from '../port/message-bus.port';
import { deadLetterTopic } from '../port/topics';
import { uniqueGroup, uniqueTopic } from '../testing/message-bus-contract.helpers';
import { HandledEvents } from './handled-events';
import { ChildConsumer } from './testing/child-consumer';
import { SPEC_RETRY_POLICY, startConsumerApp } from './testing/consumer-app';
import {
  openPostgresTestDatabase,
  testDatabaseUrl,
  type ConsumerTestDatabase,
} from './testing/consumer-test-databases';
import {
  catalogEvent,
  createServicesTable,
  newProbe,
  POISON_PREFIX,
  servicesRows,
  serviceDirectoryUpcasters,
  type ServiceDirectoryProbe,
} from './testing/service-directory.fixture';

describeWithKafka('MessageBusTransport on Kafka and PostgreSQL', (brokers) => {
  let db: ConsumerTestDatabase;
  let bus: KafkaMessageBus;
  let app: INestMicroservice | undefined;
  let probe: ServiceDirectoryProbe;
  let topic: string;
  let groupId: string;

  const publish = (...events: RecordedEvent[]) =>
    bus.publish(
      events.map((event) => ({ ...toCloudEventMessage(event), topic })),
    );
  const start = async () => {
    app = await startConsumerApp({
      bus,
      executor: db.executor,
      schema: db.schema,
      topic,
      groupId,
      probe,
      upcasters: serviceDirectoryUpcasters(),
      retry: SPEC_RETRY_POLICY,
    });
  };
  const rows = () => servicesRows(db.executor, db.schema);

  beforeAll(async () => {
    db = openPostgresTestDatabase();
    await createServicesTable(db.executor, db.schema);
  });
  afterAll(() => db.dispose());
  beforeEach(async () => {
    await db.executor.exec(`TRUNCATE "${db.schema}".services`);
    bus = createKafkaMessageBus({
      brokers,
      clientId: 'consumer-transport-spec',
      redelivery: { initialDelayMs: 20 },
    });
    probe = newProbe();
    topic = uniqueTopic('consumer');
    groupId = uniqueGroup('directory');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await bus.close();
  });

  it('gives a v1 event to the handler upcast to v2', async () => {
    await start();
    await publish(
      catalogEvent(
        'ServiceRegistered',
        { name: 'Email' },
        { schemaVersion: 1 },
      ),
    );
    await waitUntil(
      'the handler to run',
      () => probe.registered.length === 1,
      15_000,
    );

    expect(probe.registered[0]).toMatchObject({
      schemaVersion: 2,
      data: { name: 'Email', tier: 'standard' },
    });
    expect(await rows()).toEqual([
      { stream_id: 'service-1', name: 'Email', tier: 'standard' },
    ]);
  });

  it('sends a poison message to <topic>.dlq after the retries, and handles the next messages of its partition', async () => {
    const deadLetters: IncomingMessage[] = [];
    let dlq: MessageSubscription | undefined;
    try {
      dlq = await bus.subscribe({
        groupId: uniqueGroup('dlq-reader'),
        topics: [deadLetterTopic(topic)],
        handler: async (message) => void deadLetters.push(message),
      });
      await start();
      const poison = catalogEvent(
        'ServiceRegistered',
        { name: `${POISON_PREFIX}-1`, tier: 'gold' },
        { schemaVersion: 2 },
      );
      const next = [1, 2].map((revision) =>
        catalogEvent(
          'ServiceRegistered',
          { name: `Email ${revision}`, tier: 'gold' },
          { schemaVersion: 2, streamRevision: revision },
        ),
      );
      await publish(poison, ...next); // one stream id: one partition, poison first
      await waitUntil(
        () =>
          `dead letters ${deadLetters.length}, handled ${probe.registered.length}`,
        () => deadLetters.length === 1 && probe.registered.length === 2,
        20_000,
      );

      const [dead] = deadLetters;
      expect(dead.key).toBe('service-1');
      expect(dead.value.equals(toCloudEventMessage(poison).value)).toBe(true);
      expect(dead.headers).toMatchObject({
        ce_id: poison.eventId,
        'dlq-error-class': 'ServiceNameRefused',
        'dlq-error-message': `refused: ${POISON_PREFIX}-1`,
        'dlq-attempts': '3',
        'dlq-original-topic': topic,
        'dlq-original-partition': String(probe.registered[0].partition),
        'dlq-original-offset': '0',
        'dlq-original-key': 'service-1',
      });
      expect(
        probe.registered.map((call) => [call.eventId, call.offset]),
      ).toEqual([
        [next[0].eventId, '1'],
        [next[1].eventId, '2'],
      ]);
      expect((await rows()).map((row) => row.name)).toEqual([
        'Email 1',
        'Email 2',
      ]);
    } finally {
      await dlq?.stop();
    }
  }, 30_000);

  it('applies the effect once when the consumer process is killed after its effect, before the offset commit', async () => {
    const event = catalogEvent(
      'ServiceRegistered',
      { name: 'Email', tier: 'gold' },
      { schemaVersion: 2 },
    );
    const child = new ChildConsumer('crash-after-effect-consumer.main.ts', {
      KAFKA_BROKERS: brokers.join(','),
      DATABASE_URL: testDatabaseUrl(),
      CONSUMER_SCHEMA: db.schema,
      CONSUMER_TOPIC: topic,
      CONSUMER_GROUP: groupId,
    });
    try {
      await child.next('listening', 20_000);
      await publish(event);
      await child.next('effect-committed', 20_000);
    } finally {
      expect(await child.kill()).toBe('SIGKILL');
    }
    expect(await rows()).toHaveLength(1);

    // Restarted in the same group: Kafka delivers the uncommitted message again, and the effect is skipped.
    await start();
    await waitUntil(
      'the redelivery',
      () => probe.registered.length === 1,
      25_000,
    );

    expect(probe.registered[0]).toMatchObject({
      eventId: event.eventId,
      applied: false,
    });
    expect(await rows()).toHaveLength(1);
    expect(
      await new HandledEvents(db.executor, db.schema).wasHandled(
        groupId,
        event.eventId,
      ),
    ).toBe(true);
  }, 60_000);
});
