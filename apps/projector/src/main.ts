import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { stopOnSignals, type RuntimeConfig } from '@itsm/platform-kit';
import { startTelemetry } from '@itsm/telemetry';
import { createProjectorApp } from './app/bootstrap';
import { runRebuildCommand } from './cli/rebuild.command';

const serve = async () => {
  startTelemetry({ serviceName: 'projector' });
  const app = await createProjectorApp();
  const port = app.get<ConfigService<RuntimeConfig, true>>(ConfigService).get('PORT', { infer: true });
  await app.listen(port);
  stopOnSignals(app, app.get(Logger));
  app.get(Logger).log(`Projector listening on :${port}; projections at /admin/projections`);
};

const rebuild = async (name: string | undefined) => {
  const result = await runRebuildCommand(name);
  console.log(`Rebuilt ${result.projection}: ${result.done} events, ${result.eventsApplied} applied, ${result.eventsPerSecond} events/s`);
};

const [command, argument] = process.argv.slice(2);
(command === 'rebuild' ? rebuild(argument) : serve()).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
