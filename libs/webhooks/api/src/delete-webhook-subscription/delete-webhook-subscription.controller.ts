import { Delete, HttpCode, Param, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { DeleteWebhookSubscriptionHandler } from '@itsm/webhooks-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata } from '@itsm/platform-kit';
import { WebhooksCommand, WebhooksController } from '../shared/webhooks-controller.decorator';
import { WebhookIdParams } from '../shared/webhooks.params';

@WebhooksController()
export class DeleteWebhookSubscriptionController {
  constructor(private readonly handler: DeleteWebhookSubscriptionHandler) {}

  @Delete(':id')
  @HttpCode(204)
  @WebhooksCommand()
  @ApiOperation({ summary: 'Delete a webhook subscription', description: 'Nothing more is delivered to it; it then reads as 404.' })
  @ApiNoContentResponse()
  async remove(
    @Param() { id }: WebhookIdParams,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const { events } = await this.handler.execute(id, metadata, ifMatchCondition(ifMatch).expectedRevision);
    announceWrite(response, events);
  }
}
