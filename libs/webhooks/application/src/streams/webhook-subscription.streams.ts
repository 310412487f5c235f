import { webhookSubscriptionStreamId } from '@itsm/contracts';
import { AggregateStreams, type LoadedAggregate, type WritePipeline } from '@itsm/event-sourcing';
import {
  webhookSubscriptionDecider,
  type ExistingWebhookSubscription,
  type WebhookSubscription,
  type WebhookSubscriptionCommand,
  type WebhookSubscriptionEvent,
} from '@itsm/webhooks-domain';
import { isUuid, WebhooksNotFound } from '../errors';

/**
 * The subscription streams on the kernel's write pipeline. A deleted subscription reads as not found; a command
 * on one is refused by the decider (409).
 */
export class WebhookSubscriptionStreams extends AggregateStreams<WebhookSubscriptionCommand, WebhookSubscription, WebhookSubscriptionEvent> {
  constructor(pipeline: WritePipeline) {
    super({
      pipeline,
      decider: webhookSubscriptionDecider,
      streamOf: (id) => {
        if (!isUuid(id)) throw new WebhooksNotFound('webhook subscription', id);
        return webhookSubscriptionStreamId(id.toLowerCase());
      },
      creatingCommand: 'CreateWebhookSubscription',
      notFound: (id) => new WebhooksNotFound('webhook subscription', id),
    });
  }

  /** The subscription as its stream says now; not found when absent or deleted. */
  async loadExisting(id: string): Promise<LoadedAggregate<ExistingWebhookSubscription>> {
    const loaded = await this.load(id);
    if (loaded.state.status === 'deleted' || loaded.state.status === 'initial') throw new WebhooksNotFound('webhook subscription', id);
    return { state: loaded.state, revision: loaded.revision };
  }
}
