import { Inject, Injectable } from '@nestjs/common';
import type { Clock, EventMetadata, RecordedEvent } from '@itsm/event-sourcing';
import { WEBHOOKS_CLOCK } from '../nest/webhooks-application.tokens';
import { WebhookSubscriptionStreams } from '../streams/webhook-subscription.streams';

/** Deletes a subscription: nothing more is delivered to it, and it reads as not found (its history stays in the log). */
@Injectable()
export class DeleteWebhookSubscriptionHandler {
  constructor(
    private readonly streams: WebhookSubscriptionStreams,
    @Inject(WEBHOOKS_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(id: string, metadata: EventMetadata, expectedRevision?: number): Promise<{ events: RecordedEvent[] }> {
    await this.streams.loadExisting(id);
    const { events } = await this.streams.execute(id, { type: 'DeleteWebhookSubscription', data: {}, metadata: { now: this.clock.now(), actor: metadata.actor } }, { metadata, expectedRevision });
    return { events };
  }
}
