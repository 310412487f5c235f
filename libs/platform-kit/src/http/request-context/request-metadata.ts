import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, EventMetadata } from '@itsm/event-sourcing';
import type { GatewayRequest } from '../gateway-request';

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The metadata of events a request causes: who, which correlation id, and the W3C trace it belongs to. */
export const eventMetadataOf = (actor: Actor, correlationId: string, traceparent?: string | null): EventMetadata => ({
  actor,
  correlationId,
  causationId: null,
  // An invalid traceparent is ignored, as W3C Trace Context asks.
  traceparent: traceparent && TRACEPARENT.test(traceparent) ? traceparent : null,
});

/** `EventMetadata` for the current request (authenticated routes only). */
export const RequestMetadata = createParamDecorator((_data: unknown, context: ExecutionContext): EventMetadata => {
  const request = context.switchToHttp().getRequest<GatewayRequest>();
  if (!request.actor || !request.correlationId) {
    throw new Error('@RequestMetadata() needs an authenticated route behind the gateway conventions');
  }
  const traceparent = request.headers['traceparent'];
  return eventMetadataOf(request.actor, request.correlationId, typeof traceparent === 'string' ? traceparent : null);
});

/** The request's X-Correlation-Id (given or generated). */
export const CorrelationId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<GatewayRequest>().correlationId ?? '',
);
