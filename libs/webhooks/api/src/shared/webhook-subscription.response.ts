import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ExistingWebhookSubscription } from '@itsm/webhooks-domain';
import type { WebhookSubscriptionListItemView } from './webhooks-read-models.port';

/** A webhook subscription as the API shows it (its ETag is the stream revision). Never its secret. */
export class WebhookSubscriptionResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'https://hooks.example.com/itsm' })
  url!: string;

  @ApiProperty({ type: [String], example: ['IncidentOpened', 'IncidentResolved'], description: 'Event types delivered; ["*"]: every published type' })
  eventTypes!: string[];

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ enum: ['enabled', 'disabled'] })
  status!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  disabledReason?: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  static of(subscription: ExistingWebhookSubscription): WebhookSubscriptionResponse {
    const { webhookSubscriptionId, url, eventTypes, description, status, disabledReason, createdAt } = subscription;
    return { id: webhookSubscriptionId, url, eventTypes, description, status, disabledReason, createdAt };
  }

  static ofView({ id, url, eventTypes, description, status, createdAt }: WebhookSubscriptionListItemView): WebhookSubscriptionResponse {
    return { id, url, eventTypes, description, status, createdAt };
  }
}

export class CreatedWebhookSubscriptionResponse extends WebhookSubscriptionResponse {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret (Standard Webhooks). Shown once, here: keep it.' })
  secret!: string;
}

export class WebhookSubscriptionPageResponse {
  @ApiProperty({ type: [WebhookSubscriptionResponse] })
  items!: WebhookSubscriptionResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
