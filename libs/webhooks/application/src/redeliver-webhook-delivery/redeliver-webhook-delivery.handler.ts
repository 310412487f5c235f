import { Injectable } from '@nestjs/common';
import { WebhookDeliveries, type DeliveryView } from '../deliveries/webhook-deliveries';
import { WebhooksNotFound } from '../errors';
import { WebhookDeliveryWorker } from '../delivery/webhook-delivery.worker';
import { WebhookSubscriptionStreams } from '../streams/webhook-subscription.streams';

/**
 * Sends a delivery again (a dead letter, or one still being retried) with a fresh round of attempts and the same
 * webhook-id, so a receiver that already has it can tell.
 */
@Injectable()
export class RedeliverWebhookDeliveryHandler {
  constructor(
    private readonly streams: WebhookSubscriptionStreams,
    private readonly deliveries: WebhookDeliveries,
    private readonly worker: WebhookDeliveryWorker,
  ) {}

  async execute(subscriptionId: string, deliveryId: string): Promise<DeliveryView> {
    await this.streams.loadExisting(subscriptionId);
    const delivery = await this.deliveries.redeliver(subscriptionId.toLowerCase(), deliveryId);
    if (delivery === null) throw new WebhooksNotFound('delivery', deliveryId);
    this.worker.wakeUp();
    return delivery;
  }
}
