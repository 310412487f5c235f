/** Whether what a spec needs (a broker, a browser) is here; when it is not, the message says why and how to get it. */
export type TestGate<Ready> = ({ kind: 'ready' } & Ready) | { kind: 'missing'; message: string; required: boolean };

type Body = () => void;
interface JestGlobals {
  describe: (name: string, body: Body) => void;
  it: ((name: string, test: () => void) => void) & { skip: (name: string, test: () => void) => void };
}

/**
 * `describe` for specs that need something outside the repository: run the body when the gate is ready; when it is
 * missing and required (CI), one failing test with the gate's message; otherwise the message on stdout and one test
 * reported as skipped (never as passed). Reads jest's globals at call time, so this module stays free of jest imports.
 */
export function describeWithGate<Ready>(name: string, need: string, gate: TestGate<Ready>, body: (ready: Ready) => void): void {
  const { describe, it } = globalThis as unknown as JestGlobals;
  if (gate.kind === 'ready') {
    describe(name, () => body(gate));
  } else if (gate.required) {
    const { message } = gate;
    describe(name, () =>
      it(need, () => {
        throw new Error(message);
      }),
    );
  } else {
    process.stdout.write(`${gate.message} [${name}]\n`);
    describe(name, () => it.skip(need, () => undefined));
  }
}
