import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { ReplayWebhookSubscriptionHandler } from '@itsm/webhooks-application';
import { IsInstant } from '@itsm/platform-kit';
import { WebhooksAction, WebhooksController } from '../shared/webhooks-controller.decorator';
import { WebhookIdParams } from '../shared/webhooks.params';

export class ReplayWebhookSubscriptionRequest {
  @ApiPropertyOptional({ description: 'Replay the events after this log position (a CloudEvent’s sequence); 0 or -1: from the start' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-1)
  fromPosition?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'Or the events recorded at or after this instant' })
  @IsOptional()
  @IsInstant()
  fromTime?: string;
}

export class ReplayResponse {
  @ApiProperty({ description: 'Deliveries queued (new webhook-ids, origin replay)' })
  queued!: number;
  @ApiProperty({ description: 'The last log position read' })
  throughPosition!: number;
}

@WebhooksController()
export class ReplayWebhookSubscriptionController {
  constructor(private readonly handler: ReplayWebhookSubscriptionHandler) {}

  @Post(':id/replay')
  @HttpCode(202)
  @WebhooksAction()
  @ApiOperation({ summary: 'Replay the log to a subscription', description: 'Give fromPosition or fromTime (not both): its event types from there are delivered again.' })
  @ApiAcceptedResponse({ type: ReplayResponse })
  replay(@Param() { id }: WebhookIdParams, @Body() body: ReplayWebhookSubscriptionRequest): Promise<ReplayResponse> {
    return this.handler.execute(id, body);
  }
}
