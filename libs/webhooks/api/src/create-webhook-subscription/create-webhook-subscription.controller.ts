import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { CreateWebhookSubscriptionHandler } from '@itsm/webhooks-application';
import { announceWrite, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { WebhooksController, WebhooksCreate } from '../shared/webhooks-controller.decorator';
import { CreatedWebhookSubscriptionResponse, WebhookSubscriptionResponse } from '../shared/webhook-subscription.response';
import { CreateWebhookSubscriptionRequest } from './create-webhook-subscription.request.dto';

@WebhooksController()
export class CreateWebhookSubscriptionController {
  constructor(private readonly handler: CreateWebhookSubscriptionHandler) {}

  @Post()
  @WebhooksCreate()
  @ApiOperation({
    summary: 'Subscribe a receiver to events',
    description:
      'Answers the signing secret (whsec_…) once. A url in the loopback, private or link-local ranges (after DNS) is refused with 400 unless ITSM_WEBHOOKS_ALLOW_PRIVATE allows it.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionResponse })
  async create(
    @Body() body: CreateWebhookSubscriptionRequest,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<CreatedWebhookSubscriptionResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events);
    return withETag({ ...WebhookSubscriptionResponse.of(result.webhookSubscription), secret: result.secret }, result.revision);
  }
}
