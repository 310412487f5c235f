import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { newId, NO_STREAM_REVISION, type Clock, type EventMetadata, type RecordedEvent } from '@itsm/event-sourcing';
import { webhookSubscriptionDecider, type ExistingWebhookSubscription } from '@itsm/webhooks-domain';
import { WebhookDeliveries } from '../deliveries/webhook-deliveries';
import { WEBHOOKS_CLOCK } from '../nest/webhooks-application.tokens';
import { WebhookSubscriptionStreams } from '../streams/webhook-subscription.streams';
import { TargetGuard } from '../targets/target-guard';

export interface CreateWebhookSubscriptionInput {
  url: string;
  eventTypes: string[];
  description?: string | null;
}

export interface CreateWebhookSubscriptionResult {
  id: string;
  webhookSubscription: ExistingWebhookSubscription;
  /** Shown once, in the answer to the creation; the platform never shows it again. */
  secret: string;
  revision: number;
  events: RecordedEvent[];
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Creates a subscription: the decider checks the url and types, the guard where the url points (before anything is
 * written), then the secret is stored and the creation appended. A secret whose append then fails stays unused.
 */
@Injectable()
export class CreateWebhookSubscriptionHandler {
  constructor(
    private readonly streams: WebhookSubscriptionStreams,
    private readonly guard: TargetGuard,
    private readonly deliveries: WebhookDeliveries,
    @Inject(WEBHOOKS_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: CreateWebhookSubscriptionInput, metadata: EventMetadata): Promise<CreateWebhookSubscriptionResult> {
    const id = newId();
    const command = {
      type: 'CreateWebhookSubscription',
      data: { webhookSubscriptionId: id, url: input.url, eventTypes: input.eventTypes, description: input.description ?? null },
      metadata: { now: this.clock.now(), actor: metadata.actor },
    } as const;
    // Decided first without writing, so a refused url or type is a 409 before any address is resolved.
    const [created] = webhookSubscriptionDecider.decide(command, webhookSubscriptionDecider.initialState());
    if (created.type === 'WebhookSubscriptionCreated') await this.guard.check(created.data.url);
    const secret = generateWebhookSecret();
    await this.deliveries.storeSecret(id, secret);
    // A new id names a new stream: expecting none turns a (theoretical) id clash into a conflict, not a merge.
    const executed = await this.streams.execute(id, command, { metadata, expectedRevision: NO_STREAM_REVISION });
    return { id, webhookSubscription: executed.state as ExistingWebhookSubscription, secret, revision: executed.revision, events: executed.events };
  }
}
