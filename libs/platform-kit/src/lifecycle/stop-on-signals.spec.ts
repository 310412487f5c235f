import type { INestApplication, LoggerService } from '@nestjs/common';
import { stopOnSignals } from './stop-on-signals';

describe('stopOnSignals', () => {
  const handlers = new Map<string, (signal: NodeJS.Signals) => void>();
  let exits: number[];
  let closed: () => void;
  const logger: LoggerService = { log: jest.fn(), error: jest.fn(), warn: jest.fn() };
  /** An app whose close() finishes when the spec says so, with no HTTP listener to drain. */
  const app = {
    getHttpServer: () => ({ listening: false }),
    close: () => new Promise<void>((done) => (closed = done)),
  } as unknown as INestApplication;

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    exits = [];
    handlers.clear();
    // Captured, not installed: the spec's own process must keep its signal handling.
    jest.spyOn(process, 'on').mockImplementation(((event: string, handler: (signal: NodeJS.Signals) => void) => {
      handlers.set(event, handler);
      return process;
    }) as typeof process.on);
    jest.spyOn(process, 'exit').mockImplementation(((code?: number) => void exits.push(code ?? 0)) as typeof process.exit);
    stopOnSignals(app, logger);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  const settle = () => jest.advanceTimersByTimeAsync(0);

  it('stops cleanly when the same signal arrives twice at once (Ctrl-C under npm: the terminal and npm)', async () => {
    handlers.get('SIGINT')?.('SIGINT');
    handlers.get('SIGINT')?.('SIGINT');
    await settle();
    closed();
    await settle();
    expect(exits).toEqual([0]);
    expect(logger.log).toHaveBeenLastCalledWith('stopped cleanly', 'Shutdown');
  });

  it('exits at once on a second signal that comes later', async () => {
    handlers.get('SIGTERM')?.('SIGTERM');
    await jest.advanceTimersByTimeAsync(2_000);
    handlers.get('SIGINT')?.('SIGINT');
    expect(exits).toEqual([1]);
  });
});
