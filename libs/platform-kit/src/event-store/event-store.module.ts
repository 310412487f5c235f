import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RuntimeConfig } from '../config/runtime-config';
import { EVENT_LOG, EVENT_STORE, SQL_DATABASE } from './event-store.token';
import { openEventLog, type EventLog } from './open-event-log';

/** Opens the event log and its SQL database once per process, from the validated configuration. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_LOG,
      inject: [ConfigService],
      useFactory: (config: ConfigService<RuntimeConfig, true>) =>
        openEventLog({
          EVENTSTORE_URL: config.get('EVENTSTORE_URL', { infer: true }),
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          ITSM_DATA_DIR: config.get('ITSM_DATA_DIR', { infer: true }),
        }),
    },
    { provide: EVENT_STORE, inject: [EVENT_LOG], useFactory: (log: EventLog) => log.store },
    { provide: SQL_DATABASE, inject: [EVENT_LOG], useFactory: (log: EventLog) => log.db },
  ],
  exports: [EVENT_LOG, EVENT_STORE, SQL_DATABASE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_LOG) private readonly log: EventLog) {}

  async onApplicationShutdown(): Promise<void> {
    await this.log.close();
  }
}
