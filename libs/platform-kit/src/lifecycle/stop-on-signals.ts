import type { Server } from 'node:http';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { shutdownTelemetry } from '@itsm/telemetry';

export interface StopOnSignalsOptions {
  /** How long requests in flight may take to finish before their connections are cut; default 10 s. */
  drainMs?: number;
  /** How long the whole stop may take before the process exits anyway (code 1); default 120 s. */
  giveUpMs?: number;
}

/** A second signal sooner than this after the first is the same request, not an order to exit at once. */
const SAME_SIGNAL_WINDOW_MS = 1_000;

/**
 * Emitted on the HTTP server when a stop begins: responses that never end on their own (server-sent events) end
 * then, instead of holding the drain for its whole `drainMs`.
 */
export const HTTP_SERVER_DRAINING = 'itsm:draining';

/** Stops accepting connections, lets requests in flight finish (up to `drainMs`), then cuts what is left. */
const drainHttp = (server: Server, drainMs: number): Promise<void> =>
  new Promise((drained) => {
    if (!server.listening) return drained();
    server.emit(HTTP_SERVER_DRAINING);
    const cut = setTimeout(() => server.closeAllConnections(), drainMs);
    server.close(() => {
      clearTimeout(cut);
      drained();
    });
    // Keep-alive connections with no request in flight would hold close() open.
    server.closeIdleConnections();
  });

/**
 * A clean stop on SIGTERM and SIGINT, logging each step, for every service host: requests in flight are
 * drained first, then the app's hooks stop the background work (relay, projections, schedulers) and close the
 * event log and its database; the process then exits 0. A second signal (a second or more after the first), or a
 * stop that hangs, exits 1.
 */
export const stopOnSignals = (app: INestApplication, logger: LoggerService, options: StopOnSignalsOptions = {}): void => {
  let stopping = false;
  let firstSignalAt = 0;
  const stop = async (signal: NodeJS.Signals) => {
    // Under `npm start`, Ctrl-C reaches this process twice at once: from the terminal and passed on by npm.
    if (stopping && Date.now() - firstSignalAt < SAME_SIGNAL_WINDOW_MS) return;
    if (stopping) {
      logger.warn?.(`${signal} again while stopping: exiting now`, 'Shutdown');
      process.exit(1);
    }
    stopping = true;
    firstSignalAt = Date.now();
    const giveUp = setTimeout(() => {
      logger.error(`stopping took longer than ${(options.giveUpMs ?? 120_000) / 1000} s: exiting`, undefined, 'Shutdown');
      process.exit(1);
    }, options.giveUpMs ?? 120_000);
    giveUp.unref();
    try {
      logger.log(`${signal} received: stopping`, 'Shutdown');
      await drainHttp(app.getHttpServer() as Server, options.drainMs ?? 10_000);
      logger.log('HTTP listener closed, requests in flight finished', 'Shutdown');
      await app.close();
      // The last spans (the shutdown's own included) leave before the process does.
      await shutdownTelemetry();
      logger.log('stopped cleanly', 'Shutdown');
      process.exit(0);
    } catch (error) {
      logger.error(`stopping failed: ${error instanceof Error ? error.stack : String(error)}`, undefined, 'Shutdown');
      process.exit(1);
    }
  };
  // `on`, not `once`: a second signal must reach this handler, not the default action.
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
};
