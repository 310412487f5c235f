import { relayConfigFromEnv } from './relay-config';

describe('relayConfigFromEnv', () => {
  it('needs DATABASE_URL', () => {
    expect(() => relayConfigFromEnv({})).toThrow(/DATABASE_URL is required/);
  });

  it('defaults everything else', () => {
    expect(relayConfigFromEnv({ DATABASE_URL: 'postgresql://db/itsm' })).toEqual({
      databaseUrl: 'postgresql://db/itsm',
      kafkaBrokers: ['127.0.0.1:19092'],
      eventStoreSchema: 'event_store',
      relaySchema: 'relay',
      relayName: 'default',
      batchSize: 500,
      topicPrefix: '',
      progressIntervalMs: 10_000,
    });
  });

  it('reads the overrides and refuses a bad batch size', () => {
    const env = {
      DATABASE_URL: 'postgresql://db/itsm',
      KAFKA_BROKERS: 'kafka:9092',
      EVENT_STORE_SCHEMA: 'log',
      RELAY_SCHEMA: 'relay_2',
      RELAY_NAME: 'blue',
      RELAY_BATCH_SIZE: '100',
      ITSM_TOPIC_PREFIX: 'run-1.',
      RELAY_PROGRESS_INTERVAL_MS: '250',
    };
    expect(relayConfigFromEnv(env)).toMatchObject({
      kafkaBrokers: ['kafka:9092'],
      eventStoreSchema: 'log',
      relaySchema: 'relay_2',
      relayName: 'blue',
      batchSize: 100,
      topicPrefix: 'run-1.',
      progressIntervalMs: 250,
    });
    expect(() => relayConfigFromEnv({ ...env, RELAY_BATCH_SIZE: '0' })).toThrow(/RELAY_BATCH_SIZE/);
  });
});
