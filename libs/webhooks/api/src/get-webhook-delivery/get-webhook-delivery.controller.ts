import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { WebhookDeliveries, WebhooksNotFound, WebhookSubscriptionStreams } from '@itsm/webhooks-application';
import { DeliveryWithAttemptsResponse } from '../shared/delivery.response';
import { WebhooksController, WebhooksRead } from '../shared/webhooks-controller.decorator';
import { DeliveryParams } from '../shared/webhooks.params';

@WebhooksController()
export class GetWebhookDeliveryController {
  constructor(
    private readonly streams: WebhookSubscriptionStreams,
    private readonly deliveries: WebhookDeliveries,
  ) {}

  @Get(':id/deliveries/:deliveryId')
  @WebhooksRead()
  @ApiOperation({ summary: 'One delivery with every attempt (time, status code, error, duration)' })
  @ApiOkResponse({ type: DeliveryWithAttemptsResponse })
  async get(@Param() { id, deliveryId }: DeliveryParams): Promise<DeliveryWithAttemptsResponse> {
    await this.streams.loadExisting(id);
    const delivery = await this.deliveries.get(id.toLowerCase(), deliveryId);
    if (delivery === null) throw new WebhooksNotFound('delivery', deliveryId);
    return delivery;
  }
}
