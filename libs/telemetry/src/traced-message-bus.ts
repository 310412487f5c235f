import { context, SpanKind, trace, ROOT_CONTEXT, type Link, type Span } from '@opentelemetry/api';
import { CE_HEADERS, type IncomingMessage, type MessageBus, type MessageHandler, type OutgoingMessage } from '@itsm/messaging';
import { ATTR } from './attributes';
import { contextOfTraceHeaders, spanContextOfTraceparent, traceHeadersOf } from './trace-context';
import { inSpan, itsmTracer, recordFailure } from './tracer';

/**
 * The transport's own trace context, beside the CloudEvents one: `ce_traceparent` names where the event was
 * appended and never changes (the distributed tracing extension says so, and the event's hash covers it);
 * `traceparent` names the span that put this copy on the bus, so consumers continue from the publish.
 */
export const TRANSPORT_TRACEPARENT = 'traceparent';
export const TRANSPORT_TRACESTATE = 'tracestate';
const CE_TRACESTATE = 'ce_tracestate';

export interface TraceMessageBusOptions {
  /** `messaging.system`: `kafka` or `in-process`. */
  system: string;
}

/** Where a message's trace began: the event's own context (ce_traceparent), else whatever is active. */
const originOf = (message: OutgoingMessage) => {
  const traceparent = message.headers[CE_HEADERS.traceparent];
  return traceparent ? contextOfTraceHeaders({ traceparent, tracestate: message.headers[CE_TRACESTATE] }) : context.active();
};

const publishSpan = (message: OutgoingMessage, system: string): Span =>
  itsmTracer().startSpan(
    `publish ${message.topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        [ATTR.messagingSystem]: system,
        [ATTR.messagingOperationType]: 'send',
        [ATTR.messagingDestination]: message.topic,
        [ATTR.messagingKafkaKey]: message.key,
        ...(message.headers[CE_HEADERS.id] ? { [ATTR.messagingMessageId]: message.headers[CE_HEADERS.id] } : {}),
        ...(message.headers[CE_HEADERS.type] ? { [ATTR.eventType]: message.headers[CE_HEADERS.type] } : {}),
        ...(message.headers[CE_HEADERS.sequence] ? { [ATTR.logPosition]: Number(message.headers[CE_HEADERS.sequence]) } : {}),
      },
    },
    originOf(message),
  );

/** The message with the publish span's context in its transport headers. */
const withTransportContext = (message: OutgoingMessage, span: Span): OutgoingMessage => {
  const headers = traceHeadersOf(trace.setSpan(ROOT_CONTEXT, span));
  if (!headers) return message;
  const traced: Record<string, string> = { ...message.headers, [TRANSPORT_TRACEPARENT]: headers.traceparent };
  if (headers.tracestate) traced[TRANSPORT_TRACESTATE] = headers.tracestate;
  else delete traced[TRANSPORT_TRACESTATE];
  return { ...message, headers: traced };
};

const publishTraced = async (bus: MessageBus, messages: OutgoingMessage[], system: string): Promise<void> => {
  const spans = messages.map((message) => publishSpan(message, system));
  try {
    await bus.publish(messages.map((message, index) => withTransportContext(message, spans[index])));
  } catch (error) {
    for (const span of spans) recordFailure(span, error);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
};

const consumeTraced =
  (handler: MessageHandler, groupId: string, system: string): MessageHandler =>
  (message: IncomingMessage) => {
    const transport = message.headers[TRANSPORT_TRACEPARENT];
    const origin = message.headers[CE_HEADERS.traceparent];
    const parent = transport
      ? contextOfTraceHeaders({ traceparent: transport, tracestate: message.headers[TRANSPORT_TRACESTATE] })
      : contextOfTraceHeaders({ traceparent: origin, tracestate: message.headers[CE_TRACESTATE] });
    const originContext = transport ? spanContextOfTraceparent(origin) : undefined;
    const links: Link[] = originContext ? [{ context: originContext }] : [];
    return inSpan(
      `process ${message.topic}`,
      {
        kind: SpanKind.CONSUMER,
        parent,
        links,
        attributes: {
          [ATTR.messagingSystem]: system,
          [ATTR.messagingOperationType]: 'process',
          [ATTR.messagingDestination]: message.topic,
          [ATTR.messagingConsumerGroup]: groupId,
          [ATTR.messagingPartition]: String(message.partition),
          [ATTR.messagingKafkaOffset]: Number(message.offset),
          [ATTR.messagingKafkaKey]: message.key,
          ...(message.headers[CE_HEADERS.id] ? { [ATTR.messagingMessageId]: message.headers[CE_HEADERS.id] } : {}),
          ...(message.headers[CE_HEADERS.type] ? { [ATTR.eventType]: message.headers[CE_HEADERS.type] } : {}),
        },
      },
      () => handler(message),
    );
  };

/**
 * The bus with a PRODUCER span per published message (a child of the event's append, so the relay's publish
 * joins the request's trace) whose context goes out in the `traceparent` header, and a CONSUMER span per handled
 * message continuing it, active while the handler runs (projections, reactions, their appends). Wrap the bus only
 * when tracing is on (`tracingEnabled()`): off, the relay's hot path is untouched.
 */
export const traceMessageBus = (bus: MessageBus, options: TraceMessageBusOptions): MessageBus => ({
  publish: (messages) => publishTraced(bus, messages, options.system),
  subscribe: (subscription) => bus.subscribe({ ...subscription, handler: consumeTraced(subscription.handler, subscription.groupId, options.system) }),
  ping: () => bus.ping(),
  close: () => bus.close(),
});
