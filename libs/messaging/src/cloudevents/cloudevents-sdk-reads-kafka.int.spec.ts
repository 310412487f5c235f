import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { createPgliteEventStore, type EventStore } from '@itsm/event-store';
import { newId, streamName, waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { describeWithKafka } from '../kafka/describe-with-kafka';
import { createKafkaMessageBus, type KafkaMessageBus } from '../kafka/kafka-message-bus.adapter';
import type { IncomingMessage } from '../port/message-bus.port';
import { readWithCloudEventsSdk } from '../testing/read-with-cloudevents-sdk';
import { toCloudEventMessage } from './cloudevent-message.mapping';

// An outside consumer: plain kafkajs plus the official cloudevents SDK, nothing of ours on the read side.
describeWithKafka('CloudEvents on the real broker, read with the cloudevents SDK', (brokers) => {
  const prefix = `sdk-${randomUUID()}.`;
  let store: EventStore;
  let bus: KafkaMessageBus;
  let consumer: Consumer;
  let recorded: RecordedEvent[];

  beforeAll(async () => {
    store = await createPgliteEventStore();
    bus = createKafkaMessageBus({
      brokers,
      clientId: 'itsm-cloudevents-spec',
    });
    const metadata = {
      actor: { id: 'agent-42', role: 'agent', via: 'web' },
      correlationId: newId(),
      causationId: newId(),
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    };
    const incident = streamName('incident');
    const budget = streamName('budget');
    await store.appendToStream(
      incident,
      [
        {
          type: 'IncidentOpened',
          data: { title: 'VPN down', priority: 2 },
          metadata,
        },
      ],
      {
        expectedRevision: 'no-stream',
      },
    );
    await store.appendToStream(
      budget,
      [
        {
          type: 'BudgetAllocated',
          schemaVersion: 3,
          data: { amount: 1200 },
          metadata,
        },
      ],
      {
        expectedRevision: 'no-stream',
      },
    );
    recorded = (await store.readAll()).events;
    await bus.publish(recorded.map(toCloudEventMessage).map((m) => ({ ...m, topic: prefix + m.topic })));
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await bus?.close();
    await store?.close();
  });

  it('gives an SDK consumer id, type, source, subject, time, data and our extensions', async () => {
    const kafka = new Kafka({
      clientId: 'outside-consumer',
      brokers,
      logLevel: logLevel.NOTHING,
    });
    consumer = kafka.consumer({ groupId: `outside-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({
      topics: [new RegExp(`^${prefix.replace(/[.-]/g, '\\$&')}`)],
      fromBeginning: true,
    });
    const received: IncomingMessage[] = [];
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
        );
        received.push({
          topic,
          partition,
          headers,
          key: String(message.key),
          value: message.value ?? Buffer.alloc(0),
          offset: message.offset,
          timestamp: message.timestamp,
        });
      },
    });
    await waitUntil(
      () => `${received.length} of 2 messages`,
      () => received.length >= 2,
      30_000,
    );

    const [incidentEvent, budgetEvent] = recorded;
    const incidentMessage = received.find((m) => m.key === incidentEvent.streamId);
    expect(incidentMessage?.topic).toBe(`${prefix}itsm.incidents.events.v1`);
    const cloudEvent = readWithCloudEventsSdk(incidentMessage as IncomingMessage);
    expect(cloudEvent).toMatchObject({
      specversion: '1.0',
      id: incidentEvent.eventId,
      type: 'itsm.incidents.IncidentOpened.v1',
      source: '/itsm/incidents',
      subject: incidentEvent.streamId,
      time: incidentEvent.occurredAt,
      datacontenttype: 'application/json',
      data: { title: 'VPN down', priority: 2 },
      sequence: String(incidentEvent.globalPosition),
      correlationid: incidentEvent.correlationId,
      causationid: incidentEvent.causationId,
      traceparent: incidentEvent.traceparent,
      streamrevision: '0',
      hash: incidentEvent.hash,
      recordedat: incidentEvent.recordedAt,
    });
    expect(JSON.parse(String(cloudEvent['actor']))).toEqual({
      id: 'agent-42',
      role: 'agent',
      via: 'web',
    });

    const budgetCloudEvent = readWithCloudEventsSdk(
      received.find((m) => m.key === budgetEvent.streamId) as IncomingMessage,
    );
    expect(budgetCloudEvent).toMatchObject({
      type: 'itsm.finance.BudgetAllocated.v3',
      source: '/itsm/finance',
      data: { amount: 1200 },
    });
  });
});
