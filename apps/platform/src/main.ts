import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { EVENT_LOG, refuseDataDirectoryInUse, reportStartFailure, stopOnSignals, validateRuntimeConfig, type EventLog, type RuntimeConfig } from '@itsm/platform-kit';
import { startTelemetry } from '@itsm/telemetry';
import { createPlatformApp } from './app/bootstrap';

const main = async () => {
  const settings = validateRuntimeConfig(process.env);
  if (!settings.DATABASE_URL) refuseDataDirectoryInUse(settings.ITSM_DATA_DIR);
  startTelemetry({ serviceName: 'itsm-platform' });
  const app = await createPlatformApp();
  const config = app.get<ConfigService<RuntimeConfig, true>>(ConfigService);
  const port = config.get('PORT', { infer: true });
  // A port already taken must not leave the embedded database running.
  await app.listen(port, process.env['HOST'] ?? '0.0.0.0').catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  stopOnSignals(app, app.get(Logger));
  const log = app.get<EventLog>(EVENT_LOG);
  app.get(Logger).log(`ITSM platform listening on http://localhost:${port} (event log: ${log.description})`);
  const dataDir = config.get('ITSM_DATA_DIR', { infer: true });
  const tokenCommand = `${dataDir === './data' ? '' : `ITSM_DATA_DIR=${dataDir} `}npm run -s itsm -- token --sub admin --role admin`;
  // Said on stdout in plain words, so a newcomer sees where to go next whatever the log level.
  console.log(
    [
      '',
      `  ITSM platform ready on http://localhost:${port}`,
      `  API docs:      http://localhost:${port}/api/docs`,
      `  Event log:     ${log.description}`,
      `  Admin token:   ${tokenCommand}`,
      '  Stop:          Ctrl-C (or SIGTERM): requests finish, then the database shuts down cleanly',
      '',
    ].join('\n'),
  );
};

main().catch(reportStartFailure);
