import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { eventStoreKindOf, type RuntimeConfig } from '@itsm/platform-kit';
import { createPlatformApp } from './app/bootstrap';

const main = async () => {
  const app = await createPlatformApp();
  const config = app.get<ConfigService<RuntimeConfig, true>>(ConfigService);
  const port = config.get('PORT', { infer: true });
  await app.listen(port);
  const store = eventStoreKindOf({
    EVENTSTORE_URL: config.get('EVENTSTORE_URL', { infer: true }),
    DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
  });
  app.get(Logger).log(`ITSM platform listening on http://localhost:${port} (event store: ${store})`);
  // Said on stdout in plain words, so a newcomer sees where to go next whatever the log level.
  console.log(
    [
      '',
      `  ITSM platform ready on http://localhost:${port}`,
      `  API docs:      http://localhost:${port}/api/docs`,
      `  Admin token:   npm run -s itsm -- token --sub admin --role admin`,
      '',
    ].join('\n'),
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
