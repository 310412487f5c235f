/**
 * The consumer of the crash spec, run as a child process: it applies the effect of the first event it gets,
 * tells the parent, and then hangs before returning, so the offset is never committed. The parent SIGKILLs it.
 */
import { Kafka, type ConsumerConfig } from 'kafkajs';
import { createKafkaMessageBus } from '../../kafka/kafka-message-bus.adapter';
import { startConsumerApp } from './consumer-app';
import { createPgExecutor } from '@itsm/event-store';
import { newProbe } from './service-directory.fixture';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

// kafkajs' default 30 s session would keep the killed member in the group that long, and the restarted
// consumer waiting for it; the broker's minimum (6 s) keeps the spec short. The adapter has no option for it.
const createConsumer = Kafka.prototype.consumer;
Kafka.prototype.consumer = function (this: Kafka, config: ConsumerConfig) {
  return createConsumer.call(this, {
    ...config,
    sessionTimeout: 6000,
    heartbeatInterval: 500,
  });
};

const main = async () => {
  const probe = newProbe();
  probe.afterEffect = (call) => {
    process.send?.({ kind: 'effect-committed', call });
    return new Promise<void>(() => undefined);
  };
  await startConsumerApp({
    bus: createKafkaMessageBus({
      brokers: env('KAFKA_BROKERS').split(','),
      clientId: 'crash-spec-consumer',
    }),
    executor: createPgExecutor({
      connectionString: env('DATABASE_URL'),
      max: 2,
    }),
    schema: env('CONSUMER_SCHEMA'),
    topic: env('CONSUMER_TOPIC'),
    groupId: env('CONSUMER_GROUP'),
    probe,
  });
  process.send?.({ kind: 'listening' });
};

main().catch((error: unknown) => {
  process.send?.({ kind: 'failed', message: String(error) });
  process.exit(1);
});
