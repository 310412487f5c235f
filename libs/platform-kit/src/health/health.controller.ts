import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../http/auth/auth.decorators';
import { EventStoreHealthIndicator } from './event-store.health';
import { ProcessesHealthIndicator } from '../processes/processes.health';
import { MessageBusHealthIndicator } from './message-bus.health';

/** Probes for orchestrators: open, like /metrics, so they need no credentials. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly messageBus: MessageBusHealthIndicator,
    private readonly processes: ProcessesHealthIndicator,
  ) {}

  /** The process is up and serving HTTP; no dependency is checked (restart only if this fails). */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * Ready to take traffic: the event store answers, the message bus where this host uses one, and no scheduler or
   * process manager is stuck failing.
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.eventStore.check(), ...this.messageBus.checks(), () => this.processes.check()]);
  }
}
