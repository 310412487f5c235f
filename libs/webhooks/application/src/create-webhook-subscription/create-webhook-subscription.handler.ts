import { Inject, Injectable } from '@nestjs/common';
import { webhookSubscriptionStreamId } from '@itsm/contracts';
import { decisionOf, newId, NO_STREAM_REVISION, type Clock, type EventMetadata, type RecordedEvent, type WritePipeline } from '@itsm/event-sourcing';
import { webhookSubscriptionDecider, type CreatedWebhookSubscription } from '@itsm/webhooks-domain';
import { WRITE_PIPELINE } from '@itsm/platform-kit';
import { WEBHOOKS_CLOCK } from '../nest/webhooks-application.tokens';

export interface CreateWebhookSubscriptionInput {
  url: string;
}

export interface CreateWebhookSubscriptionResult {
  id: string;
  webhookSubscription: CreatedWebhookSubscription;
  /** The stream revision after the command: the new ETag. */
  revision: number;
  events: RecordedEvent[];
}

/** Creates a webhook subscription on a new stream (`webhook-<uuid>`); the decider checks the url. */
@Injectable()
export class CreateWebhookSubscriptionHandler {
  constructor(
    @Inject(WRITE_PIPELINE) private readonly pipeline: WritePipeline,
    @Inject(WEBHOOKS_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: CreateWebhookSubscriptionInput, metadata: EventMetadata): Promise<CreateWebhookSubscriptionResult> {
    const webhookSubscriptionId = newId();
    const now = this.clock.now();
    const command = { type: 'CreateWebhookSubscription', data: { webhookSubscriptionId, url: input.url }, metadata: { now, actor: metadata.actor } } as const;
    // A new id names a new stream: expecting no stream turns a (theoretical) id clash into a conflict, not a merge.
    const executed = await this.pipeline.execute(webhookSubscriptionStreamId(webhookSubscriptionId), decisionOf(webhookSubscriptionDecider, command), {
      metadata,
      expectedRevision: NO_STREAM_REVISION,
      occurredAt: now,
    });
    return { id: webhookSubscriptionId, webhookSubscription: executed.state as CreatedWebhookSubscription, revision: executed.revision, events: executed.events };
  }
}
