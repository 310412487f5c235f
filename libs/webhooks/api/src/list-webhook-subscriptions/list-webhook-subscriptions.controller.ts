import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery, readAfter, WaitForPosition } from '@itsm/platform-kit';
import { WebhooksController, WebhooksList } from '../shared/webhooks-controller.decorator';
import { WEBHOOKS_READ_MODELS, type WebhooksReadModelsPort } from '../shared/webhooks-read-models.port';
import { WebhookSubscriptionPageResponse, WebhookSubscriptionResponse } from '../shared/webhook-subscription.response';

export class ListWebhookSubscriptionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['enabled', 'disabled'] })
  @IsOptional()
  @IsIn(['enabled', 'disabled'])
  status?: 'enabled' | 'disabled';
}

@WebhooksController()
export class ListWebhookSubscriptionsController {
  constructor(@Inject(WEBHOOKS_READ_MODELS) private readonly readModels: WebhooksReadModelsPort) {}

  @Get()
  @WebhooksList()
  @ApiOperation({ summary: 'List webhook subscriptions', description: 'Newest first, cursor pages; deleted ones are gone.' })
  @ApiOkResponse({ type: WebhookSubscriptionPageResponse })
  async list(@Query() query: ListWebhookSubscriptionsQuery, @WaitForPosition() position: number | undefined): Promise<WebhookSubscriptionPageResponse> {
    await readAfter(position, (at) => this.readModels.waitFor(at));
    const page = await this.readModels.webhookSubscriptionList.list(query);
    return { items: page.items.map(WebhookSubscriptionResponse.ofView), nextCursor: page.nextCursor };
  }
}
