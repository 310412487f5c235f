import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, liveTablesOf, ReadModelPositions, type Projection } from '@itsm/projections';
import { webhookSubscriptionListProjection, WEBHOOK_SUBSCRIPTION_LIST_PROJECTION } from './webhook-subscription-list/webhook-subscription-list.projection';
import { WebhookSubscriptionListQueries } from './webhook-subscription-list/webhook-subscription-list.queries';

/** The webhooks projections, for `ProjectionsModule.forRoot([...webhooksProjections])` (embedded, the webhooks host). */
export const webhooksProjections: readonly Projection[] = [webhookSubscriptionListProjection];

export interface WebhooksReadModels {
  webhookSubscriptionList: WebhookSubscriptionListQueries;
  /** Read-your-writes: resolves once the list has applied the log up to `position`. */
  waitFor(position: number): Promise<void>;
}

/** The query services on the live tables (`schema`: the projection runtime's read-model schema). */
export const createWebhooksReadModels = ({
  db,
  schema = DEFAULT_READ_MODEL_LOCATION.schema,
  checkpointSchema = DEFAULT_READ_MODEL_LOCATION.checkpointSchema,
}: {
  db: SqlExecutor;
  schema?: string;
  checkpointSchema?: string;
}): WebhooksReadModels => {
  const positions = new ReadModelPositions(db, { checkpointSchema });
  return {
    webhookSubscriptionList: new WebhookSubscriptionListQueries(db, liveTablesOf(webhookSubscriptionListProjection, schema)),
    waitFor: (position) => positions.waitForPosition(WEBHOOK_SUBSCRIPTION_LIST_PROJECTION, position),
  };
};
