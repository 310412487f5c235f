import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { MessageBus } from '@itsm/messaging';
import { MESSAGE_BUS } from '../messaging/message-bus.token';

/** Readiness of the message bus (the Kafka brokers), for hosts that use one. */
@Injectable()
export class MessageBusHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Optional() @Inject(MESSAGE_BUS) private readonly bus?: MessageBus,
  ) {}

  /** No check at all when this host has no bus. */
  checks(): HealthIndicatorFunction[] {
    const bus = this.bus;
    if (!bus) return [];
    return [
      async () => {
        const indicator = this.health.check('messageBus');
        try {
          await bus.ping();
          return indicator.up();
        } catch (error) {
          return indicator.down({ message: error instanceof Error ? error.message : String(error) });
        }
      },
    ];
  }
}
