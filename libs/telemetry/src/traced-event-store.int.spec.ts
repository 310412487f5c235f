import { randomUUID } from 'node:crypto';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { createPgliteEventStore, type EventStore, type RecordedEventJson } from '@itsm/event-store';
import { startTelemetry, type Telemetry } from './start-telemetry';
import { traceEventStore } from './traced-event-store';

const metadata = { actor: { id: 'agent-7', role: 'agent' }, correlationId: 'corr-1' };

/** The traced store on PGlite: appends get their span, and the store's faster reads are still offered through it. */
describe('traceEventStore over a store with batch and JSON-text subscriptions (PGlite)', () => {
  let exporter: InMemorySpanExporter;
  let telemetry: Telemetry;
  let stored: EventStore;
  beforeAll(async () => {
    exporter = new InMemorySpanExporter();
    telemetry = startTelemetry({ serviceName: 'spec', exporter });
    stored = await createPgliteEventStore();
  });
  afterAll(async () => {
    await stored?.close();
    await telemetry?.shutdown();
  });

  it('passes subscribeToAllBatches and subscribeToAllJson through, delivering the traced append with its traceparent', async () => {
    const traced = traceEventStore(stored);
    const batches: RecordedEvent[][] = [];
    const texts: RecordedEventJson[] = [];
    const batchSubscription = traced.subscribeToAllBatches?.({ onBatch: async (events) => void batches.push(events) });
    const jsonSubscription = traced.subscribeToAllJson?.({ onEvent: async (event) => void texts.push(event) });
    expect(batchSubscription && jsonSubscription).toBeDefined();

    const streamId = `incident-${randomUUID()}`;
    await traced.appendToStream(streamId, [{ type: 'IncidentOpened', data: { title: 'VPN down' }, metadata }], { expectedRevision: -1 });
    const [appendSpan] = exporter.getFinishedSpans().filter((span) => span.name === 'append incident');
    const traceparent = `00-${appendSpan.spanContext().traceId}-${appendSpan.spanContext().spanId}-01`;

    const [batched] = await waitUntil('the batch', () => batches.flat().length > 0 && batches.flat());
    const [text] = await waitUntil('the JSON-text event', () => texts.length > 0 && texts);
    expect(batched).toMatchObject({ streamId, type: 'IncidentOpened', data: { title: 'VPN down' } });
    expect(batched.traceparent).toBe(traceparent);
    expect(JSON.parse(text.dataJson)).toEqual({ title: 'VPN down' });
    expect(text.traceparent).toBe(traceparent);
    await batchSubscription?.stop();
    await jsonSubscription?.stop();
  });
});
