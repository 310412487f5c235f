import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import type { RuntimeConfig } from '@itsm/platform-kit';
import { eventStoreKindOf } from '@itsm/platform-kit';
import { createPlatformApp } from './app/bootstrap';

const main = async () => {
  const app = await createPlatformApp();
  const config = app.get<ConfigService<RuntimeConfig, true>>(ConfigService);
  const port = config.get('PORT', { infer: true });
  await app.listen(port);
  const logger = app.get(Logger);
  const store = eventStoreKindOf({
    EVENTSTORE_URL: config.get('EVENTSTORE_URL', { infer: true }),
    DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
  });
  logger.log(`ITSM platform listening on http://localhost:${port} (event store: ${store}); readiness at /health/ready`);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
