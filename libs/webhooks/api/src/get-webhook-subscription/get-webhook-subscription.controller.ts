import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { WebhookSubscriptionStreams } from '@itsm/webhooks-application';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { WebhooksController, WebhooksRead } from '../shared/webhooks-controller.decorator';
import { WebhookIdParams } from '../shared/webhooks.params';
import { WebhookSubscriptionResponse } from '../shared/webhook-subscription.response';

@WebhooksController()
export class GetWebhookSubscriptionController {
  constructor(private readonly streams: WebhookSubscriptionStreams) {}

  @Get(':id')
  @WebhooksRead()
  @ApiOperation({ summary: 'Read a webhook subscription', description: 'Folded from its stream: always current (ETag = revision). Never shows the secret.' })
  @ApiOkResponse({ type: WebhookSubscriptionResponse })
  async get(@Param() { id }: WebhookIdParams): Promise<WithETag<WebhookSubscriptionResponse>> {
    const { state, revision } = await this.streams.loadExisting(id);
    return withETag(WebhookSubscriptionResponse.of(state), revision);
  }
}
