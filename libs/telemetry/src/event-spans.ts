import { context, SpanKind, trace, type Span } from '@opentelemetry/api';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { ATTR } from './attributes';
import { contextOfTraceHeaders } from './trace-context';
import { inSpan } from './tracer';

/**
 * The context an effect of `event` belongs to: the active one when a consumer span is running (Kafka), else the
 * event's own trace from its metadata (a reader of the log, such as the in-process projections or an SSE stream).
 */
const parentFor = (event: RecordedEvent) =>
  trace.getSpan(context.active()) ? context.active() : contextOfTraceHeaders({ traceparent: event.traceparent });

const eventAttributes = (event: Pick<RecordedEvent, 'type' | 'streamId' | 'globalPosition'>) => ({
  [ATTR.eventType]: event.type,
  [ATTR.streamId]: event.streamId,
  [ATTR.logPosition]: event.globalPosition,
});

/** A projection applying an event to its read model (read models join the trace of the request that wrote it). */
export const inProjectionSpan = <T>(projection: string, event: RecordedEvent, work: (span: Span) => Promise<T>): Promise<T> =>
  inSpan(`project ${projection}`, { kind: SpanKind.INTERNAL, parent: parentFor(event), attributes: eventAttributes(event) }, work);

/**
 * A process (process manager, policy) reacting to an event: the commands it issues, and their appends, join the
 * trace of the event that caused them, whether the process reads Kafka or the log.
 */
export const inReactionSpan = <T>(process: string, event: RecordedEvent, work: (span: Span) => Promise<T>): Promise<T> =>
  inSpan(`react ${process}`, { kind: SpanKind.INTERNAL, parent: parentFor(event), attributes: eventAttributes(event) }, work);

/** How an event leaves the platform other than Kafka. */
export type DeliveryChannel = 'webhook' | 'sse';

/** What a delivery span says of the event it delivers (a recorded event, or what a queued CloudEvent body keeps of it). */
export type DeliveredEvent = Pick<RecordedEvent, 'type' | 'streamId' | 'globalPosition' | 'traceparent'>;

/**
 * The hook for webhook and SSE delivery: wrap the delivery of one event to one receiver in it. Deliverers read the
 * event from a store (the delivery queue, the log) long after the span that wrote or consumed it ended, and an SSE
 * stream's request span lasts as long as the stream: so the parent is always the event's own trace (its append),
 * and the span active around the delivery (the stream's request), if any, is a link.
 */
export const inDeliverySpan = <T>(
  channel: DeliveryChannel,
  event: DeliveredEvent,
  target: string,
  work: (span: Span) => Promise<T>,
): Promise<T> => {
  const around = trace.getSpan(context.active())?.spanContext();
  return inSpan(
    `deliver ${channel}`,
    {
      kind: channel === 'webhook' ? SpanKind.CLIENT : SpanKind.PRODUCER,
      parent: contextOfTraceHeaders({ traceparent: event.traceparent }),
      links: around ? [{ context: around }] : undefined,
      attributes: { [ATTR.delivery]: target, ...eventAttributes(event) },
    },
    work,
  );
};

/**
 * A log reader whose subscriptions apply each event in a projection span (the embedded shape's read models follow
 * the log, not Kafka): `name` names the span, the event its trace. Catch-up reads stay as they are.
 */
export const traceProjectionSubscriptions = <Source extends Pick<EventStore, 'readAll' | 'subscribeToAll'>>(
  source: Source,
  name: string,
): Pick<EventStore, 'readAll' | 'subscribeToAll'> => ({
  readAll: (options) => source.readAll(options),
  subscribeToAll: (options) => source.subscribeToAll({ ...options, onEvent: (event) => inProjectionSpan(name, event, () => options.onEvent(event)) }),
});
