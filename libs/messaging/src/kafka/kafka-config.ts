import type { KafkaConfig } from 'kafkajs';

/** Where `scripts/kafka.sh start` runs the local test broker. */
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:19092';

/** Brokers from `KAFKA_BROKERS` (comma-separated host:port), else the local test broker. */
export function kafkaBrokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env['KAFKA_BROKERS']?.trim() || DEFAULT_KAFKA_BROKERS;
  const brokers = raw
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) {
      throw new Error(`KAFKA_BROKERS: "${broker}" is not host:port`);
    }
  }
  return brokers;
}

/** A kafkajs client configuration for one of our processes. */
export function kafkaClientConfig(
  clientId: string,
  env: NodeJS.ProcessEnv = process.env,
): KafkaConfig {
  return {
    clientId,
    brokers: kafkaBrokersFromEnv(env),
    connectionTimeout: 3000,
    requestTimeout: 30000,
  };
}
