/**
 * A member of the scale-out spec's consumer group, run as a child process so that the spec can SIGKILL it: the
 * service directory consumer as it runs in production, telling the parent about each effect it committed.
 */
import { createPgExecutor } from '@itsm/event-store';
import { createKafkaMessageBus } from '../../kafka/kafka-message-bus.adapter';
import { startConsumerApp } from './consumer-app';
import { newProbe } from './service-directory.fixture';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const main = async () => {
  const probe = newProbe();
  probe.afterEffect = (call) => void process.send?.({ kind: 'effect-committed', call });
  await startConsumerApp({
    bus: createKafkaMessageBus({
      brokers: env('KAFKA_BROKERS').split(','),
      clientId: 'scale-out-spec-member',
      sessionTimeoutMs: Number(env('KAFKA_SESSION_TIMEOUT_MS')),
    }),
    executor: createPgExecutor({ connectionString: env('DATABASE_URL'), max: 2 }),
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
