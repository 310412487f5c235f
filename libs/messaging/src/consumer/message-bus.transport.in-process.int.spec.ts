import type { INestMicroservice } from '@nestjs/common';
import { waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { toCloudEventMessage } from '../cloudevents';
import { InProcessMessageBus } from '../in-process/in-process-message-bus.adapter';
import type { IncomingMessage } from '../port/message-bus.port';
import { deadLetterTopic } from '../port/topics';
import { uniqueGroup, uniqueTopic } from '../testing/message-bus-contract.helpers';
import { HandledEvents } from './handled-events';
import { SPEC_RETRY_POLICY, startConsumerApp } from './testing/consumer-app';
import {
  openPgliteTestDatabase,
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

describe('MessageBusTransport on the in-process bus and PGlite', () => {
  let db: ConsumerTestDatabase;
  let bus: InProcessMessageBus;
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
    db = await openPgliteTestDatabase();
    await createServicesTable(db.executor, db.schema);
  });
  afterAll(() => db.dispose());
  beforeEach(async () => {
    await db.executor.exec(`TRUNCATE "${db.schema}".services`);
    bus = new InProcessMessageBus({ partitions: 3, redeliveryDelayMs: 10 });
    probe = newProbe();
    topic = uniqueTopic('consumer');
    groupId = uniqueGroup('directory');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await bus.close();
  });

  it('gives a v1 event to the handler upcast to v2, and the topic-wide handler every event of the topic', async () => {
    await start();
    await publish(
      catalogEvent(
        'ServiceRegistered',
        { name: 'Email' },
        { schemaVersion: 1 },
      ),
      catalogEvent(
        'ServiceRetired',
        { reason: 'replaced' },
        { streamId: 'service-9' },
      ),
    );
    await waitUntil(
      () => JSON.stringify(probe),
      () => probe.topicWide.length === 2,
      5000,
    );

    expect(probe.registered).toEqual([
      expect.objectContaining({
        schemaVersion: 2,
        data: { name: 'Email', tier: 'standard' },
      }),
    ]);
    expect(probe.topicWide.sort()).toEqual([
      'ServiceRegistered',
      'ServiceRetired',
    ]);
    expect(await rows()).toEqual([
      { stream_id: 'service-1', name: 'Email', tier: 'standard' },
    ]);
  });

  it('applies an event published twice once, and records it as handled by the consumer group', async () => {
    await start();
    const registered = catalogEvent(
      'ServiceRegistered',
      { name: 'Email', tier: 'gold' },
      { schemaVersion: 2 },
    );
    await publish(registered, registered);
    await waitUntil(
      () => JSON.stringify(probe.registered),
      () => probe.registered.length === 2,
      5000,
    );

    expect(probe.registered.map((call) => call.applied)).toEqual([true, false]);
    expect(await rows()).toHaveLength(1);
    expect(
      await new HandledEvents(db.executor, db.schema).wasHandled(
        groupId,
        registered.eventId,
      ),
    ).toBe(true);
  });

  it('applies the effect once when the consumer fails after its transaction committed but before the offset commit', async () => {
    // The handler throws after its effect committed, as a crash would: the bus never commits the offset.
    probe.afterEffect = (call) => {
      if (call.attempt === 1) throw new Error('crashed after the effect');
    };
    await start();
    await publish(
      catalogEvent(
        'ServiceRegistered',
        { name: 'Email', tier: 'gold' },
        { schemaVersion: 2 },
      ),
    );
    await waitUntil(
      () => JSON.stringify(probe.registered),
      () => probe.registered.length === 2,
      5000,
    );

    expect(
      probe.registered.map(({ attempt, applied }) => ({ attempt, applied })),
    ).toEqual([
      { attempt: 1, applied: true },
      { attempt: 2, applied: false },
    ]);
    expect(await rows()).toHaveLength(1);
  });

  it('sends a poison message to <topic>.dlq after the retries, and handles the next messages of its partition', async () => {
    const deadLetters: IncomingMessage[] = [];
    const dlq = await bus.subscribe({
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
    const next = catalogEvent(
      'ServiceRegistered',
      { name: 'Email', tier: 'gold' },
      { schemaVersion: 2, streamRevision: 1 },
    );
    await publish(poison, next); // same stream id: same partition, poison first
    await waitUntil(
      'dead letter and next',
      () => deadLetters.length === 1 && probe.registered.length === 1,
      5000,
    );
    await dlq.stop();

    const [dead] = deadLetters;
    expect(dead.headers).toMatchObject({
      ce_id: poison.eventId,
      'dlq-error-class': 'ServiceNameRefused',
      'dlq-error-message': `refused: ${POISON_PREFIX}-1`,
      'dlq-attempts': '3',
      'dlq-original-topic': topic,
      'dlq-original-offset': '0',
      'dlq-original-key': 'service-1',
    });
    expect(dead.key).toBe('service-1');
    expect(probe.registered).toEqual([
      expect.objectContaining({ eventId: next.eventId, offset: '1' }),
    ]);
    expect(dead.headers['dlq-original-partition']).toBe(
      String(probe.registered[0].partition),
    );
    expect(await rows()).toEqual([
      { stream_id: 'service-1', name: 'Email', tier: 'gold' },
    ]);
  });
});
