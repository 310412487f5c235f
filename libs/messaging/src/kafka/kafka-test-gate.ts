import { spawnSync } from 'node:child_process';
import type { TestGate } from '@itsm/event-sourcing';
import { kafkaBrokersFromEnv } from './kafka-config';

/**
 * Whether Kafka integration specs can run here. A sync check, because jest
 * registers tests synchronously: with no broker they are skipped (and said so),
 * or fail when REQUIRE_KAFKA=1, as on CI.
 */
export type KafkaTestGate = TestGate<{ brokers: string[] }>;

const PROBE = `
const [host, port] = process.argv[1].split(':');
const socket = require('node:net').connect({ host, port: Number(port) });
socket.setTimeout(1500, () => process.exit(1));
socket.on('connect', () => process.exit(0));
socket.on('error', () => process.exit(1));
`;

export function isTcpReachableSync(hostPort: string): boolean {
  const probe = spawnSync(process.execPath, ['-e', PROBE, hostPort], { timeout: 5000 });
  return probe.status === 0;
}

export function kafkaTestGate(env: NodeJS.ProcessEnv = process.env): KafkaTestGate {
  const brokers = kafkaBrokersFromEnv(env);
  if (isTcpReachableSync(brokers[0])) return { kind: 'ready', brokers };
  const required = env['REQUIRE_KAFKA'] === '1';
  const message = required
    ? `REQUIRE_KAFKA=1 but no Kafka broker is reachable at ${brokers.join(',')}: start one with "bash scripts/kafka.sh start" or run "npm test"`
    : `Kafka tests skipped: no Kafka broker reachable at ${brokers.join(',')} (start one with "bash scripts/kafka.sh start"; REQUIRE_KAFKA=1 makes this a failure)`;
  return { kind: 'missing', message, required };
}
