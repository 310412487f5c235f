import { randomUUID } from 'node:crypto';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { createInMemoryEventStore } from '@itsm/event-store';
import { createInProcessMessageBus, eventsTopic, toCloudEventMessage } from '@itsm/messaging';
import { inDeliverySpan, inProjectionSpan, inReactionSpan, traceProjectionSubscriptions } from './event-spans';
import { startTelemetry, type Telemetry } from './start-telemetry';
import { traceEventStore } from './traced-event-store';
import { traceMessageBus, TRANSPORT_TRACEPARENT } from './traced-message-bus';
import { inSpan } from './tracer';

const metadata = { actor: { id: 'agent-7', role: 'agent' }, correlationId: 'corr-1' };
const traceparentOf = (span: ReadableSpan) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`;

describe('one trace from a request through the log and the bus to a projection (one process, in-memory exporter)', () => {
  let exporter: InMemorySpanExporter;
  let telemetry: Telemetry;
  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    telemetry = startTelemetry({ serviceName: 'spec', exporter });
  });
  afterEach(() => telemetry.shutdown());

  const finished = (name: string): ReadableSpan => {
    const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
    if (!span) throw new Error(`no span "${name}" among ${exporter.getFinishedSpans().map((one) => one.name).join(', ')}`);
    return span;
  };
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it('stores the append span as the event traceparent, publishes as its child and consumes as the publish child', async () => {
    const store = traceEventStore(createInMemoryEventStore());
    const bus = traceMessageBus(createInProcessMessageBus(), { system: 'in-process' });
    const streamId = `incident-${randomUUID()}`;
    const projected: RecordedEvent[] = [];
    let consumed: () => void = () => undefined;
    const handled = new Promise<void>((done) => (consumed = done));
    await bus.subscribe({
      groupId: 'projector',
      topics: [eventsTopic('incidents')],
      handler: async (message) => {
        expect(trace.getActiveSpan()?.isRecording()).toBe(true);
        const event = { ...(JSON.parse(message.value.toString()) as object), traceparent: message.headers['ce_traceparent'] };
        await inProjectionSpan('incident-list', { ...(event as object), type: 'IncidentOpened', streamId, globalPosition: 0 } as RecordedEvent, async () => {
          projected.push(event as unknown as RecordedEvent);
        });
        consumed();
      },
    });

    // The caller's traceparent, a command inside the request, then the append.
    const caller = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const appended = await inSpan('POST /api/v1/incidents', { kind: SpanKind.SERVER }, () =>
      inSpan('command IncidentsController.open', {}, () =>
        store.appendToStream(streamId, [{ type: 'IncidentOpened', data: { n: 1 }, metadata: { ...metadata, traceparent: caller } }], {
          expectedRevision: 'no-stream',
        }),
      ),
    );
    const [event] = appended.events;
    const message = toCloudEventMessage(event);
    await bus.publish([message]);
    await handled;
    // The consumer span ends once the handler has returned.
    await waitUntil('the consumer span', () => exporter.getFinishedSpans().some((span) => span.kind === SpanKind.CONSUMER));

    const request = finished('POST /api/v1/incidents');
    const command = finished('command IncidentsController.open');
    const append = finished('append incident');
    const publish = finished(`publish ${eventsTopic('incidents')}`);
    const consume = finished(`process ${eventsTopic('incidents')}`);
    const projection = finished('project incident-list');

    const traceIds = new Set([request, command, append, publish, consume, projection].map((span) => span.spanContext().traceId));
    expect(traceIds.size).toBe(1);
    expect(parentOf(command)).toBe(request.spanContext().spanId);
    expect(parentOf(append)).toBe(command.spanContext().spanId);
    // The log keeps the append's context (not the caller's), and the CloudEvent carries it unchanged.
    expect(event.traceparent).toBe(traceparentOf(append));
    expect(message.headers['ce_traceparent']).toBe(traceparentOf(append));
    expect(parentOf(publish)).toBe(append.spanContext().spanId);
    expect([publish.kind, consume.kind]).toEqual([SpanKind.PRODUCER, SpanKind.CONSUMER]);
    expect(parentOf(consume)).toBe(publish.spanContext().spanId);
    expect(consume.links.map((link) => link.context.spanId)).toEqual([append.spanContext().spanId]);
    expect(parentOf(projection)).toBe(consume.spanContext().spanId);
    expect(append.attributes).toMatchObject({ 'itsm.stream.id': streamId, 'itsm.event.types': ['IncidentOpened'] });
    expect(projected).toHaveLength(1);
    await bus.close();
  });

  it('gives a deliverer that reads the log (no consumer span) the event trace from its metadata', async () => {
    const store = traceEventStore(createInMemoryEventStore());
    const streamId = `incident-${randomUUID()}`;
    const { events } = await inSpan('request', {}, () =>
      store.appendToStream(streamId, [{ type: 'IncidentOpened', data: {}, metadata }], { expectedRevision: 'no-stream' }),
    );
    await inDeliverySpan('sse', events[0], 'client-1', async () => undefined);
    const delivery = finished('deliver sse');
    expect(delivery.spanContext().traceId).toBe(finished('append incident').spanContext().traceId);
    expect(parentOf(delivery)).toBe(finished('append incident').spanContext().spanId);
  });

  it('parents a delivery made inside another span (an SSE stream request) on the event trace, linked to that span', async () => {
    const store = traceEventStore(createInMemoryEventStore());
    const { events } = await inSpan('request', {}, () =>
      store.appendToStream(`incident-${randomUUID()}`, [{ type: 'IncidentOpened', data: {}, metadata }], { expectedRevision: 'no-stream' }),
    );
    await inSpan('GET /api/v1/events', {}, () => inDeliverySpan('sse', events[0], 'reader-1', async () => undefined));
    const delivery = finished('deliver sse');
    const stream = finished('GET /api/v1/events');
    expect(parentOf(delivery)).toBe(finished('append incident').spanContext().spanId);
    expect(delivery.links.map((link) => link.context.spanId)).toEqual([stream.spanContext().spanId]);
    expect(delivery.attributes).toMatchObject({ 'itsm.delivery': 'reader-1', 'itsm.event.type': 'IncidentOpened' });
  });

  it('puts a reaction read from the log (no consumer span) and its own append in the trace of the event that caused it', async () => {
    const store = traceEventStore(createInMemoryEventStore());
    const incident = `incident-${randomUUID()}`;
    const { events } = await inSpan('request', {}, () =>
      store.appendToStream(incident, [{ type: 'IncidentResolved', data: {}, metadata }], { expectedRevision: 'no-stream' }),
    );
    // As a process runner following the log calls it: outside any span.
    const reacted = await inReactionSpan('close-children', events[0], () =>
      store.appendToStream(`incident-${randomUUID()}`, [{ type: 'IncidentResolved', data: {}, metadata: { ...metadata, causationId: events[0].eventId } }], {
        expectedRevision: 'no-stream',
      }),
    );
    const appends = exporter.getFinishedSpans().filter((span) => span.name === 'append incident');
    const reaction = finished('react close-children');
    expect(parentOf(reaction)).toBe(appends[0].spanContext().spanId);
    expect(parentOf(appends[1])).toBe(reaction.spanContext().spanId);
    expect(reacted.events[0].traceparent).toBe(traceparentOf(appends[1]));
    expect(new Set([...appends, reaction].map((span) => span.spanContext().traceId)).size).toBe(1);
  });

  it('applies each event a projection follows from the log in a span of the event trace', async () => {
    const store = traceEventStore(createInMemoryEventStore());
    const applied: string[] = [];
    const subscription = traceProjectionSubscriptions(store, 'read-models').subscribeToAll({
      onEvent: async (event) => void applied.push(event.eventId),
    });
    const { events } = await inSpan('request', {}, () =>
      store.appendToStream(`incident-${randomUUID()}`, [{ type: 'IncidentOpened', data: {}, metadata }], { expectedRevision: 'no-stream' }),
    );
    await waitUntil('the projection span', () => exporter.getFinishedSpans().some((span) => span.name === 'project read-models'));
    await subscription.stop();
    expect(applied).toEqual([events[0].eventId]);
    expect(parentOf(finished('project read-models'))).toBe(finished('append incident').spanContext().spanId);
  });

  it('replaces the transport traceparent of a message published again (a dead letter) with its own publish', async () => {
    const bus = traceMessageBus(createInProcessMessageBus(), { system: 'in-process' });
    const received: Array<Record<string, string>> = [];
    let consumed: () => void = () => undefined;
    const handled = new Promise<void>((done) => (consumed = done));
    await bus.subscribe({ groupId: 'g', topics: ['t'], handler: async (message) => void (received.push(message.headers), consumed()) });
    await bus.publish([{ topic: 't', key: 'k', value: Buffer.from('{}'), headers: { [TRANSPORT_TRACEPARENT]: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } }]);
    await handled;
    await waitUntil('the consumer span', () => exporter.getFinishedSpans().some((span) => span.kind === SpanKind.CONSUMER));
    const publish = finished('publish t');
    expect(received[0][TRANSPORT_TRACEPARENT]).toBe(traceparentOf(publish));
    await bus.close();
  });
});
