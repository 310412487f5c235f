import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { GatewayHealthController } from './gateway-health.controller';
import { UpstreamsHealthIndicator } from './upstreams.health';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty' })],
  controllers: [GatewayHealthController],
  providers: [UpstreamsHealthIndicator],
})
export class GatewayHealthModule {}
