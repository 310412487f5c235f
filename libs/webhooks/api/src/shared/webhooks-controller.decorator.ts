import { applyDecorators, Controller, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, ApiWaitForPosition, Roles } from '@itsm/platform-kit';
import { WebhooksErrorsInterceptor } from './webhooks-errors.interceptor';

/** The collection's path under the gateway's prefix; the gateway routes its first segment to the webhooks process. */
export const WEBHOOKS_ROUTE = 'api/v1/webhooks';

/** A webhooks controller under /api/v1/webhooks: admins only (subscriptions reach every event the platform publishes). */
export const WebhooksController = () => applyDecorators(ApiTags('webhooks'), Controller(WEBHOOKS_ROUTE), UseInterceptors(WebhooksErrorsInterceptor), Roles('admin'));

const IDEMPOTENCY_KEY = ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body → the same response; other body → 422' });
const IF_MATCH = ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the revision you read; refused with 412 when the subscription has moved on' });

export const WebhooksRead = (...problems: number[]) => applyDecorators(ApiProblemResponses(400, 404, ...problems));
export const WebhooksList = () => applyDecorators(ApiProblemResponses(400), ApiWaitForPosition());
export const WebhooksCreate = () => applyDecorators(ApiProblemResponses(400, 409, 422), IDEMPOTENCY_KEY);
export const WebhooksCommand = () => applyDecorators(ApiProblemResponses(400, 404, 409, 412, 422), IF_MATCH, IDEMPOTENCY_KEY);
export const WebhooksAction = () => applyDecorators(ApiProblemResponses(400, 404, 422), IDEMPOTENCY_KEY);
