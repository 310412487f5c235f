import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { reportStartFailure, stopOnSignals } from '@itsm/platform-kit';
import { startTelemetry } from '@itsm/telemetry';
import type { GatewayConfig } from './config/gateway-config';
import { createGatewayApp } from './app/create-gateway-app';

const main = async () => {
  startTelemetry({ serviceName: 'gateway' });
  const app = await createGatewayApp();
  const config = app.get<ConfigService<GatewayConfig, true>>(ConfigService);
  const port = config.get('PORT', { infer: true });
  await app.listen(port, process.env['HOST'] ?? '0.0.0.0');
  stopOnSignals(app, app.get(Logger));
  // Tests and supervisors wait for this line.
  app.get(Logger).log(`gateway listening on :${port}, forwarding to ${config.get('CATALOG_SERVICE_URL', { infer: true })}; API docs at /api/docs`);
};

main().catch(reportStartFailure);
