import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { EventStoreHealthIndicator } from './event-store.health';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
  ) {}

  /** The process is up and serving HTTP; no dependency is checked (restart only if this fails). */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Ready to take traffic: the event store answers. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.eventStore.check()]);
  }
}
