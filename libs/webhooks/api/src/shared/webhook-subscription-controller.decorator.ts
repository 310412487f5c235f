import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

/** The collection's path under the gateway's prefix; the gateway routes its first segment to the webhooks process. */
export const WEBHOOK_SUBSCRIPTION_ROUTE = 'api/v1/webhooks';

/** A webhooks controller under /api/v1/webhooks. */
export const WebhookSubscriptionController = () => applyDecorators(ApiTags('webhooks'), Controller(WEBHOOK_SUBSCRIPTION_ROUTE));
