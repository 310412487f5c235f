import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { describeWithKafka } from './describe-with-kafka';

// Smoke test of the broker itself: if this fails, every Kafka adapter test will.
describeWithKafka('Kafka broker (kafkajs round trip)', (brokers) => {
  const topic = `itsm.smoke.${randomUUID()}`;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let consumer: Consumer;

  beforeAll(async () => {
    kafka = new Kafka({ clientId: 'itsm-smoke', brokers, logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    consumer = kafka.consumer({ groupId: `itsm-smoke-${randomUUID()}` });
    await Promise.all([producer.connect(), consumer.connect()]);
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('delivers a produced message, with key and headers, to a consumer group', async () => {
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = new Promise<{ key: string; value: string; header: string; offset: string }>(
      (resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) =>
            resolve({
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
              header: message.headers?.['ce_id']?.toString() ?? '',
              offset: message.offset,
            }),
        });
      },
    );

    const eventId = randomUUID();
    await producer.send({
      topic,
      messages: [{ key: 'incident-1', value: '{"hello":"kafka"}', headers: { ce_id: eventId } }],
    });

    await expect(received).resolves.toEqual({
      key: 'incident-1',
      value: '{"hello":"kafka"}',
      header: eventId,
      offset: '0',
    });
  });
});
