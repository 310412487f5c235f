import { ApiProperty } from '@nestjs/swagger';
import type { CreatedWebhookSubscription } from '@itsm/webhooks-domain';

/** A webhook subscription as the API shows it (its ETag is the stream revision). */
export class WebhookSubscriptionResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ enum: ['created'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  static of(webhookSubscription: CreatedWebhookSubscription): WebhookSubscriptionResponse {
    const { webhookSubscriptionId, url, status, createdAt } = webhookSubscription;
    return { id: webhookSubscriptionId, url, status, createdAt };
  }
}
