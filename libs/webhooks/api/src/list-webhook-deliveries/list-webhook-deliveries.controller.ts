import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DELIVERY_STATUSES, WebhookDeliveries, WebhookSubscriptionStreams, type DeliveryStatus } from '@itsm/webhooks-application';
import { PageQuery } from '@itsm/platform-kit';
import { DeliveryPageResponse } from '../shared/delivery.response';
import { WebhooksController, WebhooksRead } from '../shared/webhooks-controller.decorator';
import { WebhookIdParams } from '../shared/webhooks.params';

export class ListWebhookDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'dead-lettered: the dead-letter list' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

@WebhooksController()
export class ListWebhookDeliveriesController {
  constructor(
    private readonly streams: WebhookSubscriptionStreams,
    private readonly deliveries: WebhookDeliveries,
  ) {}

  @Get(':id/deliveries')
  @WebhooksRead()
  @ApiOperation({ summary: 'The delivery log of a subscription', description: 'Newest first, cursor pages; ?status=dead-lettered lists its dead letters.' })
  @ApiOkResponse({ type: DeliveryPageResponse })
  async list(@Param() { id }: WebhookIdParams, @Query() query: ListWebhookDeliveriesQuery): Promise<DeliveryPageResponse> {
    await this.streams.loadExisting(id);
    return this.deliveries.list(id.toLowerCase(), query);
  }
}
