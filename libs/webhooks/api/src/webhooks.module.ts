import { Module, type DynamicModule } from '@nestjs/common';
import { WebhooksApplicationModule, type WebhooksApplicationOptions } from '@itsm/webhooks-application';
import { CreateWebhookSubscriptionController } from './create-webhook-subscription/create-webhook-subscription.controller';

/** One controller per use case (`src/<use-case>/`). */
export const WEBHOOKS_CONTROLLERS = [CreateWebhookSubscriptionController];

/**
 * The webhooks context behind /api/v1/webhooks: the controllers over the handlers of
 * WebhooksApplicationModule (the composition root). Needs the global EventStoreModule, GatewayModule and
 * HealthModule; its projections run in ProjectionsModule (`webhooksProjections` of @itsm/webhooks-read-models).
 */
@Module({})
export class WebhooksModule {
  static forRoot(options: WebhooksApplicationOptions = {}): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [WebhooksApplicationModule.forRoot(options)],
      controllers: WEBHOOKS_CONTROLLERS,
      exports: [WebhooksApplicationModule],
    };
  }
}
