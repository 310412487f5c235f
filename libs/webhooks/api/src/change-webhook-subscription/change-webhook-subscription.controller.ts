import { Body, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { ChangeWebhookSubscriptionHandler } from '@itsm/webhooks-application';
import type { ExistingWebhookSubscription } from '@itsm/webhooks-domain';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { WebhooksCommand, WebhooksController } from '../shared/webhooks-controller.decorator';
import { WebhookIdParams } from '../shared/webhooks.params';
import { WebhookSubscriptionResponse } from '../shared/webhook-subscription.response';
import { ChangeWebhookSubscriptionRequest } from './change-webhook-subscription.request.dto';

@WebhooksController()
export class ChangeWebhookSubscriptionController {
  constructor(private readonly handler: ChangeWebhookSubscriptionHandler) {}

  @Patch(':id')
  @WebhooksCommand()
  @ApiOperation({ summary: 'Disable or re-enable a webhook subscription', description: 'The same state again changes nothing (same ETag).' })
  @ApiOkResponse({ type: WebhookSubscriptionResponse })
  async change(
    @Param() { id }: WebhookIdParams,
    @Body() body: ChangeWebhookSubscriptionRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<WebhookSubscriptionResponse>> {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch).expectedRevision);
    announceWrite(response, result.events);
    return withETag(WebhookSubscriptionResponse.of(result.state as ExistingWebhookSubscription), result.revision);
  }
}
