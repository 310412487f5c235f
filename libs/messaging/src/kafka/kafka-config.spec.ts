import { DEFAULT_KAFKA_BROKERS, kafkaBrokersFromEnv, kafkaClientConfig } from './kafka-config';

describe('kafkaBrokersFromEnv', () => {
  it('defaults to the local test broker started by scripts/kafka.sh', () => {
    expect(kafkaBrokersFromEnv({})).toEqual([DEFAULT_KAFKA_BROKERS]);
    expect(kafkaBrokersFromEnv({ KAFKA_BROKERS: '  ' })).toEqual([DEFAULT_KAFKA_BROKERS]);
  });

  it('splits a comma-separated list and trims it', () => {
    expect(kafkaBrokersFromEnv({ KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092,' })).toEqual([
      'kafka-1:9092',
      'kafka-2:9092',
    ]);
  });

  it('refuses an entry without a port', () => {
    expect(() => kafkaBrokersFromEnv({ KAFKA_BROKERS: 'kafka-1' })).toThrow(/not host:port/);
  });
});

describe('kafkaClientConfig', () => {
  it('names the client and carries the brokers', () => {
    const config = kafkaClientConfig('relay', { KAFKA_BROKERS: 'kafka:9092' });
    expect(config.clientId).toBe('relay');
    expect(config.brokers).toEqual(['kafka:9092']);
  });
});
