import type { CloudEventJson } from '@itsm/messaging';
import { parseCloudEventType } from '@itsm/messaging';
import { ATTR, inDeliverySpan, recordFailure, traceHeadersOf, type DeliveredEvent } from '@itsm/telemetry';
import type { WebhookSenderPort } from './webhook-sender.port';

/**
 * What a delivery body (the event as a structured CloudEvent) says of its event: the span needs its type, stream,
 * position and `traceparent` (the CloudEvents distributed tracing extension), so the queue keeps no extra column.
 * A body it cannot read still gets delivered, in a span of its own trace.
 */
const deliveredEventOf = (body: string): DeliveredEvent => {
  try {
    const cloudEvent = JSON.parse(body) as Partial<CloudEventJson>;
    const type = String(cloudEvent.type ?? '');
    return {
      type: /^itsm\./.test(type) ? parseCloudEventType(type).eventType : type,
      streamId: String(cloudEvent.subject ?? ''),
      globalPosition: Number(cloudEvent['sequence'] ?? -1),
      traceparent: typeof cloudEvent['traceparent'] === 'string' ? cloudEvent['traceparent'] : null,
    };
  } catch {
    return { type: '', streamId: '', globalPosition: -1, traceparent: null };
  }
};

/** The receiver as spans name it: no credentials or query string (a receiver may put a token there). */
const targetOf = (url: string): string => {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'unparsable url';
  }
};

/**
 * The sender with each attempt in a `deliver webhook` span, a child of the event's append (whatever the delay since),
 * whose context the request carries as `traceparent`, so a receiver can continue the trace. The Standard Webhooks
 * signature covers id, timestamp and body only: the extra headers leave it valid. Wired only when tracing is on.
 */
export const traceWebhookSender = (sender: WebhookSenderPort): WebhookSenderPort => ({
  send: (url, body, headers) =>
    inDeliverySpan('webhook', deliveredEventOf(body), targetOf(url), async (span) => {
      span.setAttribute(ATTR.webhookId, headers['webhook-id'] ?? '');
      const result = await sender.send(url, body, { ...headers, ...traceHeadersOf() });
      if (result.statusCode !== null) span.setAttribute(ATTR.httpResponseStatusCode, result.statusCode);
      if (!result.succeeded) recordFailure(span, new Error(result.error ?? 'failed'));
      return result;
    }),
  close: () => sender.close(),
});
