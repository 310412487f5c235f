import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { eventStoreKindOf, reportStartFailure, stopOnSignals, type RuntimeConfig } from '@itsm/platform-kit';
import { createFinanceApp } from './app/create-finance-app';

const main = async () => {
  const app = await createFinanceApp();
  const config = app.get<ConfigService<RuntimeConfig, true>>(ConfigService);
  const port = config.get('PORT', { infer: true });
  await app.listen(port, process.env['HOST'] ?? '0.0.0.0');
  stopOnSignals(app, app.get(Logger));
  const store = eventStoreKindOf({
    EVENTSTORE_URL: config.get('EVENTSTORE_URL', { infer: true }),
    DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
  });
  const live = config.get('KAFKA_BROKERS', { infer: true }) ? 'Kafka' : 'event log';
  // Tests and supervisors wait for this line.
  app.get(Logger).log(`finance listening on :${port} (event store: ${store}, projections from: ${live})`);
};

main().catch(reportStartFailure);
