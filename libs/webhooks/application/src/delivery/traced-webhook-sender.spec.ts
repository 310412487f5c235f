import { randomUUID } from 'node:crypto';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Webhook } from 'standardwebhooks';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { toCloudEventJson } from '@itsm/messaging';
import { startTelemetry, type Telemetry } from '@itsm/telemetry';
import { TargetGuard } from '../targets/target-guard';
import { TestReceiver } from '../testing/test-receiver';
import { traceWebhookSender } from './traced-webhook-sender';
import { WebhookSender } from './webhook-sender';

const appendTraceId = 'c3'.repeat(16);
const appendSpanId = 'd4'.repeat(8);

const registered = (): RecordedEvent => ({
  eventId: randomUUID(),
  type: 'ServiceRegistered',
  schemaVersion: 2,
  streamId: `service-${randomUUID()}`,
  streamRevision: 1,
  globalPosition: 42,
  occurredAt: '2026-01-01T00:00:00.000Z',
  recordedAt: '2026-01-01T00:00:00.000Z',
  actor: { id: 'owner', role: 'service-owner' },
  correlationId: randomUUID(),
  causationId: null,
  traceparent: `00-${appendTraceId}-${appendSpanId}-01`,
  hash: 'hash',
  data: { name: 'Email' },
});

/** The sender traced (tracing on, in-memory exporter) against a real receiver on 127.0.0.1. */
describe('traceWebhookSender', () => {
  let receiver: TestReceiver;
  let telemetry: Telemetry;
  let exporter: InMemorySpanExporter;
  const secret = `whsec_${Buffer.from('a-test-secret-of-enough-length!!').toString('base64')}`;

  beforeAll(async () => {
    receiver = await TestReceiver.start();
    exporter = new InMemorySpanExporter();
    telemetry = startTelemetry({ serviceName: 'spec', exporter });
  });
  afterAll(async () => {
    await telemetry.shutdown();
    await receiver.stop();
  });

  const deliverySpans = (): ReadableSpan[] => exporter.getFinishedSpans().filter((span) => span.name === 'deliver webhook');
  const signed = (id: string, body: string) => {
    const timestamp = new Date();
    return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, timestamp, body) };
  };

  it('posts in a span of the event trace, a child of its append, and sends that span as traceparent; the signature still verifies', async () => {
    const event = registered();
    const body = JSON.stringify(toCloudEventJson(event));
    const sender = traceWebhookSender(new WebhookSender(new TargetGuard(new Set(['loopback'])), 5_000));
    const result = await sender.send(`${receiver.baseUrl}/traced?token=not-in-spans`, body, signed('msg_traced', body));
    sender.close();

    expect(result).toMatchObject({ succeeded: true, statusCode: 204 });
    const [span] = deliverySpans();
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.spanContext().traceId).toBe(appendTraceId);
    expect(span.parentSpanContext?.spanId).toBe(appendSpanId);
    expect(span.attributes).toMatchObject({
      'itsm.delivery': `${receiver.baseUrl}/traced`,
      'itsm.webhook.id': 'msg_traced',
      'itsm.event.type': 'ServiceRegistered',
      'itsm.stream.id': event.streamId,
      'itsm.log.position': 42,
      'http.response.status_code': 204,
    });
    const [delivery] = receiver.on('/traced?token=not-in-spans');
    expect(delivery.headers['traceparent']).toBe(`00-${appendTraceId}-${span.spanContext().spanId}-01`);
    expect(new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>)).toMatchObject({ id: event.eventId, traceparent: event.traceparent });
  });

  it('marks the span of a failed attempt failed, with the status code', async () => {
    exporter.reset();
    receiver.answerWith(({ path }) => ({ status: path === '/failing' ? 500 : 204 }));
    const body = JSON.stringify(toCloudEventJson(registered()));
    const sender = traceWebhookSender(new WebhookSender(new TargetGuard(new Set(['loopback'])), 5_000));
    const result = await sender.send(`${receiver.baseUrl}/failing`, body, signed('msg_failing', body));
    sender.close();

    expect(result).toMatchObject({ succeeded: false, statusCode: 500 });
    const [span] = deliverySpans();
    expect(span.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'HTTP 500' });
    expect(span.attributes['http.response.status_code']).toBe(500);
  });
});
