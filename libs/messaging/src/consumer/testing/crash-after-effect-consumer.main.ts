/**
 * The consumer of the crash spec, run as a child process: it applies the effect of the first event it gets,
 * tells the parent, and then hangs before returning, so the offset is never committed. The parent SIGKILLs it.
 */
import { createKafkaMessageBus } from '../../kafka/kafka-message-bus.adapter';
import { startConsumerApp } from './consumer-app';
import { createPgExecutor } from '@itsm/event-store';
import { newProbe } from './service-directory.fixture';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
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
      // The killed member must leave the group quickly so the restarted consumer gets the partition back.
      sessionTimeoutMs: 6000,
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
