import { Module, type DynamicModule } from '@nestjs/common';
import type { SqlExecutor } from '@itsm/event-store';
import { SQL_DATABASE } from '@itsm/platform-kit';
import { WebhooksApplicationModule, type WebhooksApplicationOptions } from '@itsm/webhooks-application';
import { ChangeWebhookSubscriptionController } from './change-webhook-subscription/change-webhook-subscription.controller';
import { CreateWebhookSubscriptionController } from './create-webhook-subscription/create-webhook-subscription.controller';
import { DeleteWebhookSubscriptionController } from './delete-webhook-subscription/delete-webhook-subscription.controller';
import { GetWebhookDeliveryController } from './get-webhook-delivery/get-webhook-delivery.controller';
import { GetWebhookSubscriptionController } from './get-webhook-subscription/get-webhook-subscription.controller';
import { ListWebhookDeliveriesController } from './list-webhook-deliveries/list-webhook-deliveries.controller';
import { ListWebhookSubscriptionsController } from './list-webhook-subscriptions/list-webhook-subscriptions.controller';
import { RedeliverWebhookDeliveryController } from './redeliver-webhook-delivery/redeliver-webhook-delivery.controller';
import { ReplayWebhookSubscriptionController } from './replay-webhook-subscription/replay-webhook-subscription.controller';
import { WebhooksErrorsInterceptor } from './shared/webhooks-errors.interceptor';
import { WEBHOOKS_READ_MODELS, type WebhooksReadModelsFactory } from './shared/webhooks-read-models.port';

/** One controller per use case (`src/<use-case>/`). */
export const WEBHOOKS_CONTROLLERS = [
  CreateWebhookSubscriptionController,
  ListWebhookSubscriptionsController,
  GetWebhookSubscriptionController,
  ChangeWebhookSubscriptionController,
  DeleteWebhookSubscriptionController,
  ListWebhookDeliveriesController,
  GetWebhookDeliveryController,
  RedeliverWebhookDeliveryController,
  ReplayWebhookSubscriptionController,
];

export interface WebhooksModuleOptions extends WebhooksApplicationOptions {
  /** `createWebhooksReadModels` from @itsm/webhooks-read-models (the host joins the two libs). */
  readModels: WebhooksReadModelsFactory;
}

/**
 * The webhooks context behind /api/v1/webhooks: the controllers over the handlers of WebhooksApplicationModule (the
 * composition root, with the dispatch) and the subscription list. Needs the global EventStoreModule, GatewayModule
 * and HealthModule; its projection runs in ProjectionsModule (`webhooksProjections` of @itsm/webhooks-read-models).
 */
@Module({})
export class WebhooksModule {
  static forRoot(options: WebhooksModuleOptions): DynamicModule {
    const { readModels, ...application } = options;
    return {
      module: WebhooksModule,
      imports: [WebhooksApplicationModule.forRoot(application)],
      controllers: WEBHOOKS_CONTROLLERS,
      providers: [{ provide: WEBHOOKS_READ_MODELS, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => readModels({ db }) }, WebhooksErrorsInterceptor],
      exports: [WebhooksApplicationModule, WEBHOOKS_READ_MODELS],
    };
  }
}
