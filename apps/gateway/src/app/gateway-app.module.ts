import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ConsoleConfigModule, GatewayModule } from '@itsm/platform-kit';
import { validateGatewayConfig } from '../config/gateway-config';
import { GatewayHealthModule } from '../health/gateway-health.module';
import { ServiceDocuments } from '../openapi/service-documents';
import { ProxyController } from '../proxy/proxy.controller';
import { UpstreamClient } from '../proxy/upstream-client';
import { UpstreamMetrics } from '../proxy/upstream-metrics';

/** The edge of the distributed shape (DESIGN §1, §7): the gateway conventions, then HTTP to the services. */
@Module({})
export class GatewayAppModule {
  /** `env`: the settings to validate (the process environment unless a spec passes its own). */
  static forRoot(env: Record<string, unknown> = process.env): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        // skipProcessEnv: an unset optional setting (INCIDENTS_SERVICE_URL) stays unset even when another app in the
        // same process (a spec) put it into process.env.
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, validate: () => validateGatewayConfig(env) }),
        // Idempotency-Key is the service's: it records the key next to its events. The edge forwards it and keeps no data.
        GatewayModule.forRoot({ idempotency: false }),
        GatewayHealthModule,
        // The console it serves at `/` reads its sign-in settings here (GET /api/v1/console/config).
        ConsoleConfigModule,
      ],
      controllers: [ProxyController],
      providers: [UpstreamClient, UpstreamMetrics, ServiceDocuments],
    };
  }
}
