import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { CreateWebhookSubscriptionHandler } from '@itsm/webhooks-application';
import { announceWrite, ApiProblemResponses, RequestMetadata, Roles, withETag, type WithETag } from '@itsm/platform-kit';
import { WebhookSubscriptionController } from '../shared/webhook-subscription-controller.decorator';
import { WebhookSubscriptionResponse } from '../shared/webhook-subscription.response';
import { CreateWebhookSubscriptionRequest } from './create-webhook-subscription.request.dto';

@WebhookSubscriptionController()
export class CreateWebhookSubscriptionController {
  constructor(private readonly handler: CreateWebhookSubscriptionHandler) {}

  @Post()
  @Roles('admin')
  @ApiProblemResponses(400, 409, 422)
  @ApiOperation({ summary: 'Create a webhook subscription' })
  @ApiCreatedResponse({ type: WebhookSubscriptionResponse })
  async create(
    @Body() body: CreateWebhookSubscriptionRequest,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<WebhookSubscriptionResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events);
    return withETag(WebhookSubscriptionResponse.of(result.webhookSubscription), result.revision);
  }
}
