import { Module, type DynamicModule } from '@nestjs/common';
import { systemClock, type Clock } from '@itsm/event-sourcing';
import { CreateWebhookSubscriptionHandler } from '../create-webhook-subscription/create-webhook-subscription.handler';
import { WEBHOOKS_CLOCK } from './webhooks-application.tokens';

/** One handler per use case (the api has one folder each). */
export const WEBHOOKS_HANDLERS = [CreateWebhookSubscriptionHandler] as const;

export interface WebhooksApplicationOptions {
  /** Default: the system clock. Tests pass a clock they set by hand. */
  clock?: Clock;
}

/**
 * The webhooks composition root: the handlers on the kernel's write pipeline, ports bound to adapters, and the
 * context's processes when it has some. Needs the global EventStoreModule (WRITE_PIPELINE, SQL_DATABASE).
 */
@Module({})
export class WebhooksApplicationModule {
  static forRoot(options: WebhooksApplicationOptions = {}): DynamicModule {
    return {
      module: WebhooksApplicationModule,
      providers: [{ provide: WEBHOOKS_CLOCK, useValue: options.clock ?? systemClock }, ...WEBHOOKS_HANDLERS],
      exports: [...WEBHOOKS_HANDLERS, WEBHOOKS_CLOCK],
    };
  }
}
