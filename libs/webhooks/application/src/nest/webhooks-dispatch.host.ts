import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_CONTEXTS } from '@itsm/contracts';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import type { MessageBus } from '@itsm/messaging';
import { EVENT_STORE, EventProcessesRunner, MESSAGE_BUS, PROCESS_MONITOR, SQL_DATABASE, type ProcessEventSource, type ProcessMonitor } from '@itsm/platform-kit';
import { WebhookFanoutProcess } from '../dispatch/webhook-fanout.process';
import { WebhookDeliveryWorker } from '../delivery/webhook-delivery.worker';

export const WEBHOOKS_DISPATCH_OPTIONS = Symbol('WEBHOOKS_DISPATCH_OPTIONS');

export interface WebhooksDispatchOptions {
  eventsFrom: ProcessEventSource;
  /** Prepended to topics and the consumer group (ITSM_TOPIC_PREFIX). */
  topicPrefix: string;
}

/**
 * Runs the webhook dispatch in the host: the fan-out (events → deliveries) from the log with its checkpoint, or from
 * every context's Kafka topic in its own consumer group (`webhooks-webhook-fanout`), and the delivery worker.
 */
@Injectable()
export class WebhooksDispatchHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhooksDispatch');
  private readonly runner: EventProcessesRunner;

  constructor(
    fanout: WebhookFanoutProcess,
    private readonly worker: WebhookDeliveryWorker,
    @Inject(WEBHOOKS_DISPATCH_OPTIONS) options: WebhooksDispatchOptions,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SQL_DATABASE) db: SqlExecutor,
    @Optional() @Inject(MESSAGE_BUS) bus?: MessageBus,
    @Optional() @Inject(PROCESS_MONITOR) monitor?: ProcessMonitor,
  ) {
    monitor?.register(() => [worker.status]);
    this.runner = new EventProcessesRunner({
      processes: [fanout],
      eventsFrom: options.eventsFrom,
      contexts: EVENT_CONTEXTS,
      context: 'webhooks',
      topicPrefix: options.topicPrefix,
      db,
      store,
      bus,
      monitor,
      log: this.logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.worker.stop();
    this.logger.log('webhook dispatch stopped');
  }
}
