import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { GatewayModule } from '@itsm/platform-kit';
import { validateGatewayConfig } from '../config/gateway-config';
import { GatewayHealthModule } from '../health/gateway-health.module';
import { ServiceDocuments } from '../openapi/service-documents';
import { ProxyController } from '../proxy/proxy.controller';
import { UpstreamClient } from '../proxy/upstream-client';
import { UpstreamMetrics } from '../proxy/upstream-metrics';

/** The edge of the distributed shape (DESIGN §1, §7): the gateway conventions, then HTTP to the services. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateGatewayConfig }),
    // Idempotency-Key is the service's: it records the key next to its events. The edge forwards it and keeps no data.
    GatewayModule.forRoot({ idempotency: false }),
    GatewayHealthModule,
  ],
  controllers: [ProxyController],
  providers: [UpstreamClient, UpstreamMetrics, ServiceDocuments],
})
export class GatewayAppModule {}
