import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '@itsm/platform-kit';
import { UpstreamsHealthIndicator } from './upstreams.health';

/** Probes for orchestrators, open like /metrics. */
@Public()
@Controller('health')
export class GatewayHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly upstreams: UpstreamsHealthIndicator,
  ) {}

  /** The edge is up and serving HTTP (restart only if this fails). */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Ready to take traffic: every service behind the edge is ready. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.upstreams.checks());
  }
}
