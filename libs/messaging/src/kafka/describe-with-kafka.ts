import { describeWithGate } from '@itsm/event-sourcing';
import { kafkaTestGate } from './kafka-test-gate';

/** `describe` for specs that need the real Kafka broker (skipped and said so without one, failing with REQUIRE_KAFKA=1). */
export function describeWithKafka(name: string, body: (brokers: string[]) => void): void {
  describeWithGate(name, 'needs a reachable Kafka broker', kafkaTestGate(), ({ brokers }) => body(brokers));
}
