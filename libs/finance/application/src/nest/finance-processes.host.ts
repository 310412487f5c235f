import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import type { MessageBus } from '@itsm/messaging';
import { EVENT_STORE, EventProcessesRunner, MESSAGE_BUS, PROCESS_MONITOR, SQL_DATABASE, type ProcessEventSource, type ProcessMonitor } from '@itsm/platform-kit';
import { ServiceCreditsProcess } from '../processes/service-credits/service-credits.process';

export const FINANCE_PROCESSES_OPTIONS = Symbol('FINANCE_PROCESSES_OPTIONS');

export interface FinanceProcessesOptions {
  eventsFrom: ProcessEventSource;
  /** Prepended to topics and the consumer group (ITSM_TOPIC_PREFIX). */
  topicPrefix: string;
}

/**
 * Runs finance's background work in the host that imports the application module with processes on: the
 * service-credit process, from the log (a checkpoint) or from Kafka (consumer group `finance-finance-service-credits`
 * on `itsm.incidents.events.v1`), through the shared `EventProcessesRunner`.
 */
@Injectable()
export class FinanceProcessesHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('FinanceProcesses');
  private readonly runner: EventProcessesRunner;

  constructor(
    serviceCredits: ServiceCreditsProcess,
    @Inject(FINANCE_PROCESSES_OPTIONS) options: FinanceProcessesOptions,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SQL_DATABASE) db: SqlExecutor,
    @Optional() @Inject(MESSAGE_BUS) bus?: MessageBus,
    @Optional() @Inject(PROCESS_MONITOR) monitor?: ProcessMonitor,
  ) {
    this.runner = new EventProcessesRunner({
      processes: [serviceCredits],
      eventsFrom: options.eventsFrom,
      contexts: ['incidents'],
      context: 'finance',
      topicPrefix: options.topicPrefix,
      db,
      store,
      bus,
      monitor,
      log: this.logger,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    this.logger.log('service-credit process stopped');
  }
}
