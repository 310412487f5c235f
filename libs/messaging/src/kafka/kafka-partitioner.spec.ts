import { KAFKA_PARTITIONER } from './kafka-message-bus.adapter';

// murmur2 hashes from Apache Kafka's own UtilsTest: partition = (hash & 0x7fffffff) % partitions, as in Java.
const JAVA_MURMUR2: Array<[string, number]> = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['abc', 479470107],
];

describe('KAFKA_PARTITIONER', () => {
  const partitions = 1000;
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));
  const partitionOf = KAFKA_PARTITIONER();

  it.each(JAVA_MURMUR2)('puts key "%s" where the Java client puts it', (key, javaHash) => {
    const partition = partitionOf({ topic: 't', partitionMetadata, message: { key, value: 'v' } });
    expect(partition).toBe((javaHash & 0x7fffffff) % partitions);
  });
});
