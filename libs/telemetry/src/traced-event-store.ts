import { SpanKind } from '@opentelemetry/api';
import type { NewEvent } from '@itsm/event-sourcing';
import type { AppendOptions, EventStore, StreamAppend } from '@itsm/event-store';
import { ATTR } from './attributes';
import { traceHeadersOf } from './trace-context';
import { inSpan } from './tracer';

/** `incident` of `incident-0190…`: span names stay few (one per stream type), the id goes in an attribute. */
const streamTypeOf = (streamId: string): string => streamId.split('-', 1)[0];

/**
 * The events carry the append span's W3C context in their metadata (`traceparent`), so the trace survives the
 * log: the relay and every consumer continue it. The log keeps no tracestate.
 */
const stamped = (events: readonly NewEvent[]): NewEvent[] => {
  const traceparent = traceHeadersOf()?.traceparent;
  return traceparent ? events.map((event) => ({ ...event, metadata: { ...event.metadata, traceparent } })) : [...events];
};

/**
 * The event store with a span around every append (a child of the command that decided it); reads, subscriptions
 * and imports pass through untouched. Wrap the store only when tracing is on (`tracingEnabled()`).
 */
export const traceEventStore = (store: EventStore): EventStore => {
  const appendToStream: EventStore['appendToStream'] = (streamId, events, options: AppendOptions) =>
    inSpan(
      `append ${streamTypeOf(streamId)}`,
      {
        kind: SpanKind.INTERNAL,
        attributes: { [ATTR.streamId]: streamId, [ATTR.eventCount]: events.length, [ATTR.eventTypes]: events.map((event) => event.type) },
      },
      async (span) => {
        const result = await store.appendToStream(streamId, stamped(events), options);
        span.setAttribute(ATTR.logPosition, result.lastGlobalPosition);
        return result;
      },
    );
  const traced: EventStore = {
    appendToStream,
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    ping: () => store.ping(),
    close: () => store.close(),
  };
  const { appendToStreams, importEvents } = store;
  if (appendToStreams) {
    traced.appendToStreams = (appends: readonly StreamAppend[]) =>
      inSpan(`append ${appends.length} streams`, { attributes: { [ATTR.eventCount]: appends.reduce((sum, one) => sum + one.events.length, 0) } }, () =>
        appendToStreams.call(store, appends.map((one) => ({ ...one, events: stamped(one.events) }))),
      );
  }
  if (importEvents) traced.importEvents = (events) => importEvents.call(store, events);
  const { headPosition } = store;
  if (headPosition) traced.headPosition = () => headPosition.call(store);
  // The store's faster reads stay on offer: the relay's JSON-text path and the projections' batches.
  const { subscribeToAllJson, subscribeToAllBatches } = store;
  if (subscribeToAllJson) traced.subscribeToAllJson = (options) => subscribeToAllJson.call(store, options);
  if (subscribeToAllBatches) traced.subscribeToAllBatches = (options) => subscribeToAllBatches.call(store, options);
  return traced;
};
