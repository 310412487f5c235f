import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { startTelemetry } from '@itsm/telemetry';
import type { RuntimeConfig } from '../config/runtime-config';
import { eventStoreKindOf } from '../event-store/open-event-log';
import { stopOnSignals } from './stop-on-signals';

/**
 * What every context's host does once its app is made: listen on PORT (HOST, default every interface), stop
 * cleanly on signals, and announce itself in the line tests and supervisors wait for
 * (`<name> listening on :<port> (…)`).
 */
export interface ServeContextAppOptions {
  /** The host's projections follow the events topics when KAFKA_BROKERS is set (the event log otherwise). */
  projectionsFollowKafka?: boolean;
}

export const serveContextApp = async (
  name: string,
  createApp: () => Promise<INestApplication>,
  options: ServeContextAppOptions = {},
): Promise<INestApplication> => {
  // Before the app is built: its modules wrap the event log and the bus only when tracing is on.
  startTelemetry({ serviceName: name });
  const app = await createApp();
  const config = app.get<ConfigService<RuntimeConfig, true>>(ConfigService);
  const port = config.get('PORT', { infer: true });
  await app.listen(port, process.env['HOST'] ?? '0.0.0.0');
  const logger = app.get(Logger);
  stopOnSignals(app, logger);
  const store = eventStoreKindOf({
    EVENTSTORE_URL: config.get('EVENTSTORE_URL', { infer: true }),
    DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
  });
  const live = options.projectionsFollowKafka && config.get('KAFKA_BROKERS', { infer: true }) ? 'Kafka' : 'event log';
  logger.log(`${name} listening on :${port} (event store: ${store}, projections from: ${live})`);
  return app;
};
