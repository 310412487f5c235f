import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createInProcessMessageBus, createKafkaMessageBus, kafkaBrokersFromEnv, type MessageBus } from '@itsm/messaging';
import { traceMessageBus, tracingEnabled } from '@itsm/telemetry';
import type { RuntimeConfig } from '../config/runtime-config';
import { MESSAGE_BUS } from './message-bus.token';

/** Kafka when KAFKA_BROKERS is set, else the in-process bus of the embedded shape (DESIGN §1). */
@Global()
@Module({
  providers: [
    {
      provide: MESSAGE_BUS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<RuntimeConfig, true>): MessageBus => {
        const brokers = config.get('KAFKA_BROKERS', { infer: true });
        const bus = brokers
          ? createKafkaMessageBus({
              brokers: kafkaBrokersFromEnv({ KAFKA_BROKERS: brokers }),
              clientId: 'itsm-platform',
              sessionTimeoutMs: config.get('KAFKA_SESSION_TIMEOUT_MS', { infer: true }),
            })
          : createInProcessMessageBus();
        // With tracing on, publish and consume spans carry the trace across the bus; off, the bus is untouched.
        return tracingEnabled() ? traceMessageBus(bus, { system: brokers ? 'kafka' : 'in-process' }) : bus;
      },
    },
  ],
  exports: [MESSAGE_BUS],
})
export class MessageBusModule implements OnApplicationShutdown {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    new Logger('MessageBus').log('message bus closed');
  }
}
