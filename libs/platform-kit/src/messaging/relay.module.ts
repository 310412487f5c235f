import { Inject, Logger, Module, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Registry } from 'prom-client';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { EventRelay, type MessageBus } from '@itsm/messaging';
import type { RuntimeConfig } from '../config/runtime-config';
import { EVENT_STORE, SQL_DATABASE } from '../event-store/event-store.token';
import { registerRelayFigures } from '../observability/event-figures.metrics';
import { METRICS_REGISTRY } from '../observability/metrics.registry';
import { EVENT_RELAY, MESSAGE_BUS } from './message-bus.token';

/** Relays the event log to the message bus inside this process (the embedded and single-host shapes). */
@Module({
  providers: [
    {
      provide: EVENT_RELAY,
      inject: [EVENT_STORE, SQL_DATABASE, MESSAGE_BUS, ConfigService],
      useFactory: (store: EventStore, executor: SqlExecutor, bus: MessageBus, config: ConfigService<RuntimeConfig, true>) => {
        const logger = new Logger('EventRelay');
        return new EventRelay({
          store,
          executor,
          bus,
          topicPrefix: config.get('ITSM_TOPIC_PREFIX', { infer: true }) ?? '',
          onError: (error) => logger.warn(`restarting from the checkpoint after: ${String(error)}`),
        });
      },
    },
  ],
  exports: [EVENT_RELAY],
})
export class RelayModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(EVENT_RELAY) private readonly relay: EventRelay,
    @Optional() @Inject(METRICS_REGISTRY) registry?: Registry,
  ) {
    if (registry) registerRelayFigures(registry, () => relay.progress());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  /** Before the event log closes (onApplicationShutdown), so the last batch's checkpoint is written. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    new Logger('EventRelay').log(`relay stopped at position ${this.relay.progress().lastPosition ?? 'none'}`);
  }
}
