import { basename, relative } from 'node:path';
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RuntimeConfig } from '../config/runtime-config';
import { createExclusiveSections } from '@itsm/event-store';
import { EVENT_LOG, EVENT_STORE, EXCLUSIVE_SECTIONS, PERSONAL_DATA_VAULT, SQL_DATABASE, STORED_EVENT_STORE, WRITE_PIPELINE } from './event-store.token';
import { writePipelineOn } from './write-pipeline-on';
import type { EmbeddedDatabaseLog } from './embedded-database';
import { openEventLog, type EventLog } from './open-event-log';

const logger = new Logger('EventLog');

/** The server's command line, for the data directory's lock file (`node dist/apps/platform/main.js`). */
const serverCommand = () => `${basename(process.argv[0])} ${relative(process.cwd(), process.argv[1] ?? '')}`.slice(0, 200);

const logTo =
  (target: Logger): EmbeddedDatabaseLog =>
  (message, level) => {
    if (level === 'info') target.log(message);
    else target[level](message);
  };

/** Opens the event log and its SQL database once per process, from the validated configuration. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_LOG,
      inject: [ConfigService],
      useFactory: (config: ConfigService<RuntimeConfig, true>) =>
        openEventLog(
          {
            EVENTSTORE_URL: config.get('EVENTSTORE_URL', { infer: true }),
            DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
            ITSM_DATA_DIR: config.get('ITSM_DATA_DIR', { infer: true }),
            ITSM_EMBEDDED_ENGINE: config.get('ITSM_EMBEDDED_ENGINE', { infer: true }),
          },
          { command: serverCommand(), log: logTo(logger) },
        ),
    },
    { provide: EVENT_STORE, inject: [EVENT_LOG], useFactory: (log: EventLog) => log.store },
    { provide: STORED_EVENT_STORE, inject: [EVENT_LOG], useFactory: (log: EventLog) => log.storedStore },
    { provide: PERSONAL_DATA_VAULT, inject: [EVENT_LOG], useFactory: (log: EventLog) => log.personalData },
    { provide: SQL_DATABASE, inject: [EVENT_LOG], useFactory: (log: EventLog) => log.db },
    { provide: WRITE_PIPELINE, inject: [EVENT_LOG], useFactory: (log: EventLog) => writePipelineOn(log.store) },
    { provide: EXCLUSIVE_SECTIONS, inject: [EVENT_LOG], useFactory: (log: EventLog) => createExclusiveSections(log.db) },
  ],
  exports: [EVENT_LOG, EVENT_STORE, STORED_EVENT_STORE, PERSONAL_DATA_VAULT, SQL_DATABASE, WRITE_PIPELINE, EXCLUSIVE_SECTIONS],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_LOG) private readonly log: EventLog) {}

  async onApplicationShutdown(): Promise<void> {
    await this.log.close();
    logger.log(`event log closed (${this.log.description})`);
  }
}
