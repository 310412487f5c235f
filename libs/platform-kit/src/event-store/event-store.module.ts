import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EventStore } from '@itsm/event-store';
import { createEventStoreFromConfig } from './create-event-store';
import { EVENT_STORE } from './event-store.token';
import type { RuntimeConfig } from '../config/runtime-config';

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<RuntimeConfig, true>) =>
        createEventStoreFromConfig({
          EVENTSTORE_URL: config.get('EVENTSTORE_URL', { infer: true }),
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          ITSM_DATA_DIR: config.get('ITSM_DATA_DIR', { infer: true }),
        }),
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
