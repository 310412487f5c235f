import { kafkaBrokersFromEnv } from '@itsm/messaging';

/** The standalone relay's settings, from the environment (validated at start-up). */
export interface RelayConfig {
  databaseUrl: string;
  kafkaBrokers: string[];
  /** Schema of the event log (`EVENT_STORE_SCHEMA`, default `event_store`). */
  eventStoreSchema: string;
  /** Schema of the relay's checkpoint and lease (`RELAY_SCHEMA`, default `relay`). */
  relaySchema: string;
  /** Relays with one name share checkpoint and lease (`RELAY_NAME`, default `default`). */
  relayName: string;
  batchSize: number;
  /** Prepended to every topic (`ITSM_TOPIC_PREFIX`, default none). */
  topicPrefix: string;
  /** How often progress is logged (`RELAY_PROGRESS_INTERVAL_MS`, default 10 s). */
  progressIntervalMs: number;
}

const positiveInteger = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: "${raw}" is not a positive integer`);
  return value;
};

export const relayConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): RelayConfig => {
  const databaseUrl = env['DATABASE_URL']?.trim();
  if (!databaseUrl) {
    throw new Error(
      'DATABASE_URL is required: the standalone relay follows a PostgreSQL event log (the embedded platform runs its relay in process)',
    );
  }
  return {
    databaseUrl,
    kafkaBrokers: kafkaBrokersFromEnv(env),
    eventStoreSchema: env['EVENT_STORE_SCHEMA']?.trim() || 'event_store',
    relaySchema: env['RELAY_SCHEMA']?.trim() || 'relay',
    relayName: env['RELAY_NAME']?.trim() || 'default',
    batchSize: positiveInteger(env, 'RELAY_BATCH_SIZE', 500),
    topicPrefix: env['ITSM_TOPIC_PREFIX']?.trim() ?? '',
    progressIntervalMs: positiveInteger(env, 'RELAY_PROGRESS_INTERVAL_MS', 10_000),
  };
};
