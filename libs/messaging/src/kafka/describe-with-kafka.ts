import { kafkaTestGate } from './kafka-test-gate';

type Body = () => void;
interface JestGlobals {
  describe: (name: string, body: Body) => void;
  it: ((name: string, test: () => void) => void) & { skip: (name: string, test: () => void) => void };
}

/**
 * `describe` for specs that need the real Kafka broker. Reads jest's globals
 * at call time, so this module stays free of jest imports.
 */
export function describeWithKafka(name: string, body: (brokers: string[]) => void): void {
  const { describe, it } = globalThis as unknown as JestGlobals;
  const gate = kafkaTestGate();
  if (gate.kind === 'ready') {
    describe(name, () => body(gate.brokers));
  } else if (gate.required) {
    describe(name, () =>
      it('needs a reachable Kafka broker', () => {
        throw new Error(gate.message);
      }),
    );
  } else {
    process.stdout.write(`${gate.message} [${name}]\n`);
    // One test reported as skipped, never as passed; the body is not run.
    describe(name, () => it.skip('needs a reachable Kafka broker', () => undefined));
  }
}
