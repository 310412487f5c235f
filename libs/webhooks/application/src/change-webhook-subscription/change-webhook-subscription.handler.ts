import { Inject, Injectable } from '@nestjs/common';
import type { AggregateCommandResult, Clock, EventMetadata } from '@itsm/event-sourcing';
import type { WebhookSubscription, WebhookSubscriptionCommand } from '@itsm/webhooks-domain';
import { WEBHOOKS_CLOCK } from '../nest/webhooks-application.tokens';
import { WebhookSubscriptionStreams } from '../streams/webhook-subscription.streams';

export interface ChangeWebhookSubscriptionInput {
  /** false: deliveries stop (pending ones wait); true: they resume. */
  enabled: boolean;
  reason?: string | null;
}

/** Disables or re-enables a subscription (PATCH); the same state again changes nothing. */
@Injectable()
export class ChangeWebhookSubscriptionHandler {
  constructor(
    private readonly streams: WebhookSubscriptionStreams,
    @Inject(WEBHOOKS_CLOCK) private readonly clock: Clock,
  ) {}

  execute(id: string, input: ChangeWebhookSubscriptionInput, metadata: EventMetadata, expectedRevision?: number): Promise<AggregateCommandResult<WebhookSubscription>> {
    const commandMetadata = { now: this.clock.now(), actor: metadata.actor };
    const command: WebhookSubscriptionCommand = input.enabled
      ? { type: 'EnableWebhookSubscription', data: {}, metadata: commandMetadata }
      : { type: 'DisableWebhookSubscription', data: { reason: input.reason ?? null }, metadata: commandMetadata };
    return this.streams.execute(id, command, { metadata, expectedRevision });
  }
}
