import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, liveTablesOf, type Projection } from '@itsm/projections';
import { webhookSubscriptionListProjection } from './webhook-subscription-list/webhook-subscription-list.projection';
import { WebhookSubscriptionListQueries } from './webhook-subscription-list/webhook-subscription-list.queries';

/** The webhooks projections, for `ProjectionsModule.forRoot([...webhooksProjections])` (embedded, the webhooks host). */
export const webhooksProjections: readonly Projection[] = [webhookSubscriptionListProjection];

export interface WebhooksReadModels {
  webhookSubscriptionList: WebhookSubscriptionListQueries;
}

/** The query services on the live tables (`schema`: the projection runtime's read-model schema). */
export const createWebhooksReadModels = ({ db, schema = DEFAULT_READ_MODEL_LOCATION.schema }: { db: SqlExecutor; schema?: string }): WebhooksReadModels => ({
  webhookSubscriptionList: new WebhookSubscriptionListQueries(db, liveTablesOf(webhookSubscriptionListProjection, schema)),
});
