import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { systemClock, type Clock, type WritePipeline } from '@itsm/event-sourcing';
import type { SqlExecutor } from '@itsm/event-store';
import type { Registry } from 'prom-client';
import { tracingEnabled } from '@itsm/telemetry';
import { METRICS_REGISTRY, SQL_DATABASE, WRITE_PIPELINE, type ProcessEventSource } from '@itsm/platform-kit';
import { ChangeWebhookSubscriptionHandler } from '../change-webhook-subscription/change-webhook-subscription.handler';
import { CreateWebhookSubscriptionHandler } from '../create-webhook-subscription/create-webhook-subscription.handler';
import { WebhookDeliveries } from '../deliveries/webhook-deliveries';
import { DeleteWebhookSubscriptionHandler } from '../delete-webhook-subscription/delete-webhook-subscription.handler';
import { WebhookDeliveryWorker } from '../delivery/webhook-delivery.worker';
import { webhookAttemptCounter } from '../delivery/webhook-metrics';
import { WebhookSender } from '../delivery/webhook-sender';
import { traceWebhookSender } from '../delivery/traced-webhook-sender';
import { WebhookFanoutProcess } from '../dispatch/webhook-fanout.process';
import { RedeliverWebhookDeliveryHandler } from '../redeliver-webhook-delivery/redeliver-webhook-delivery.handler';
import { ReplayWebhookSubscriptionHandler } from '../replay-webhook-subscription/replay-webhook-subscription.handler';
import { webhooksSettingsFrom, type WebhooksSettings } from '../settings/webhooks-settings';
import { DEFAULT_WEBHOOKS_SCHEMA, migrateWebhooksSchema, webhooksTables, type WebhooksTables } from '../storage/webhooks-tables';
import { WebhookSubscriptionStreams } from '../streams/webhook-subscription.streams';
import { TargetGuard } from '../targets/target-guard';
import { WEBHOOKS_DISPATCH_OPTIONS, WebhooksDispatchHost } from './webhooks-dispatch.host';
import { WEBHOOKS_CLOCK, WEBHOOKS_SETTINGS, WEBHOOKS_TABLES } from './webhooks-application.tokens';

/** One handler per use case (the api has one folder each). */
export const WEBHOOKS_HANDLERS = [
  CreateWebhookSubscriptionHandler,
  ChangeWebhookSubscriptionHandler,
  DeleteWebhookSubscriptionHandler,
  RedeliverWebhookDeliveryHandler,
  ReplayWebhookSubscriptionHandler,
] as const;

export interface WebhooksApplicationOptions {
  /** Default: the system clock. Tests pass a clock they set by hand. */
  clock?: Clock;
  /** The settings to read (ITSM_WEBHOOKS_*); default the process environment. */
  env?: Record<string, unknown>;
  /** Schema of the webhooks tables; default `webhooks`. */
  schema?: string;
  /** Run the fan-out and the delivery worker in this host; default true. */
  dispatch?: boolean;
  /** Where the fan-out reads events: the log (default) or Kafka (the webhooks host with KAFKA_BROKERS). */
  dispatchEventsFrom?: ProcessEventSource;
}

/**
 * The webhooks composition root: the handlers on the kernel's write pipeline, the secrets and the delivery log in
 * SQL (created at start), the target guard and the sender from the checked settings, and the dispatch (fan-out and
 * delivery worker). Needs the global EventStoreModule (WRITE_PIPELINE, EVENT_STORE, SQL_DATABASE).
 */
@Module({})
export class WebhooksApplicationModule {
  static forRoot(options: WebhooksApplicationOptions = {}): DynamicModule {
    const logger = new Logger('WebhookDeliveries');
    const dispatch: Provider[] =
      options.dispatch === false
        ? []
        : [
            {
              provide: WEBHOOKS_DISPATCH_OPTIONS,
              inject: [{ token: ConfigService, optional: true }],
              useFactory: (config?: ConfigService) => ({ eventsFrom: options.dispatchEventsFrom ?? 'event-store', topicPrefix: config?.get<string>('ITSM_TOPIC_PREFIX') ?? '' }),
            },
            WebhooksDispatchHost,
          ];
    return {
      module: WebhooksApplicationModule,
      providers: [
        { provide: WEBHOOKS_CLOCK, useValue: options.clock ?? systemClock },
        // Read once when the host starts: an invalid setting stops the start, naming it.
        { provide: WEBHOOKS_SETTINGS, useFactory: () => webhooksSettingsFrom(options.env ?? process.env) },
        {
          provide: WEBHOOKS_TABLES,
          inject: [SQL_DATABASE],
          useFactory: async (db: SqlExecutor) => {
            const tables = webhooksTables(options.schema ?? DEFAULT_WEBHOOKS_SCHEMA);
            await migrateWebhooksSchema(db, tables);
            return tables;
          },
        },
        { provide: WebhookSubscriptionStreams, inject: [WRITE_PIPELINE], useFactory: (pipeline: WritePipeline) => new WebhookSubscriptionStreams(pipeline) },
        { provide: TargetGuard, inject: [WEBHOOKS_SETTINGS], useFactory: (settings: WebhooksSettings) => new TargetGuard(settings.allowPrivate) },
        { provide: WebhookDeliveries, inject: [SQL_DATABASE, WEBHOOKS_TABLES], useFactory: (db: SqlExecutor, tables: WebhooksTables) => new WebhookDeliveries(db, tables) },
        {
          provide: WebhookDeliveryWorker,
          inject: [SQL_DATABASE, WEBHOOKS_TABLES, WEBHOOKS_SETTINGS, TargetGuard, { token: METRICS_REGISTRY, optional: true }],
          useFactory: (db: SqlExecutor, tables: WebhooksTables, settings: WebhooksSettings, guard: TargetGuard, registry?: Registry) => {
            const sender = new WebhookSender(guard, settings.attemptTimeoutMs);
            return new WebhookDeliveryWorker({
              db,
              tables,
              // Decided once at start: with tracing off the attempts run exactly as without it.
              sender: tracingEnabled() ? traceWebhookSender(sender) : sender,
              retry: settings.retry,
              concurrency: settings.concurrency,
              pollIntervalMs: settings.pollIntervalMs,
              leaseMs: settings.attemptTimeoutMs + 30_000,
              log: logger,
              onAttempt: registry ? webhookAttemptCounter(registry) : undefined,
            });
          },
        },
        {
          provide: WebhookFanoutProcess,
          inject: [SQL_DATABASE, WEBHOOKS_TABLES, WebhookDeliveryWorker],
          useFactory: (db: SqlExecutor, tables: WebhooksTables, worker: WebhookDeliveryWorker) => new WebhookFanoutProcess(db, tables, () => worker.wakeUp()),
        },
        ...WEBHOOKS_HANDLERS,
        ...dispatch,
      ],
      exports: [...WEBHOOKS_HANDLERS, WEBHOOKS_CLOCK, WEBHOOKS_SETTINGS, WEBHOOKS_TABLES, WebhookSubscriptionStreams, WebhookDeliveries, WebhookDeliveryWorker],
    };
  }
}
