import { Module, type DynamicModule } from '@nestjs/common';
import { WebhooksModule } from '@itsm/webhooks-api';
import { createWebhooksReadModels, webhooksProjections } from '@itsm/webhooks-read-models';
import { contextHostImports } from '@itsm/platform-kit';

/** Consumer group of the webhooks projections: its own, so it sees every partition next to the projector. */
export const WEBHOOKS_CONSUMER_GROUP = 'webhooks';

/** The webhooks process (DESIGN §1, distributed shape): its routes, its processes and its projections. */
@Module({})
export class WebhooksAppModule {
  /** `env`: the settings to validate (the process environment unless a spec passes its own). */
  static forRoot(env: Record<string, unknown> = process.env): DynamicModule {
    return {
      module: WebhooksAppModule,
      imports: contextHostImports({
        env,
        projections: [...webhooksProjections],
        consumerGroup: WEBHOOKS_CONSUMER_GROUP,
        // With KAFKA_BROKERS the fan-out reads every context's topic in its own consumer group (webhooks-webhook-fanout).
        context: WebhooksModule.forRoot({ readModels: createWebhooksReadModels, env, dispatchEventsFrom: env['KAFKA_BROKERS'] ? 'message-bus' : 'event-store' }),
      }),
    };
  }
}
