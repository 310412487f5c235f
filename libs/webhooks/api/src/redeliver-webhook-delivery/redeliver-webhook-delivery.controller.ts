import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation } from '@nestjs/swagger';
import { RedeliverWebhookDeliveryHandler } from '@itsm/webhooks-application';
import { DeliveryResponse } from '../shared/delivery.response';
import { WebhooksAction, WebhooksController } from '../shared/webhooks-controller.decorator';
import { DeliveryParams } from '../shared/webhooks.params';

@WebhooksController()
export class RedeliverWebhookDeliveryController {
  constructor(private readonly handler: RedeliverWebhookDeliveryHandler) {}

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @WebhooksAction()
  @ApiOperation({ summary: 'Deliver again', description: 'A dead letter (or a delivery being retried) is due now, with a fresh round of attempts and the same webhook-id.' })
  @ApiAcceptedResponse({ type: DeliveryResponse })
  redeliver(@Param() { id, deliveryId }: DeliveryParams): Promise<DeliveryResponse> {
    return this.handler.execute(id, deliveryId);
  }
}
