import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { call, createTestDatabase, signAccessToken, waitUntil, type TestDatabase } from '@itsm/platform-kit';
import { readServerSentEvents, type ServerSentMessage } from '@itsm/server-sent-events';
import { startTelemetry, type Telemetry } from '@itsm/telemetry';
import { TestReceiver } from '@itsm/webhooks-application/testing';

const dataDir = mkdtempSync(join(tmpdir(), 'itsm-traces-'));
const jwtSecret = 'embedded-traces-spec-secret-of-32-chars+';

/**
 * Tracing on in the single-process shape (every module, the in-process bus, read models following the log), with the
 * in-memory exporter: a request's trace reaches its append, the relay's publish, the read models, a webhook receiver
 * and an SSE client.
 */
describe('the platform in one process with tracing on', () => {
  let database: TestDatabase;
  let telemetry: Telemetry;
  let exporter: InMemorySpanExporter;
  let app: INestApplication;
  let baseUrl: string;
  let receiver: TestReceiver;
  // The spec's server address: createTestDatabase administers databases through it.
  const serverUrl = process.env['DATABASE_URL'];

  beforeAll(async () => {
    database = await createTestDatabase('itsm_embedded_traces');
    Object.assign(process.env, {
      ITSM_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ITSM_JWT_SECRET: jwtSecret,
      DATABASE_URL: database.url,
      ITSM_RATE_LIMIT: '0',
      ITSM_WEBHOOKS_ALLOW_PRIVATE: 'loopback',
      ITSM_WEBHOOKS_POLL_MS: '50',
    });
    receiver = await TestReceiver.start();
    for (const name of ['EVENTSTORE_URL', 'KAFKA_BROKERS']) delete process.env[name];
    // Before the app is built, as apps/platform/src/main.ts does.
    exporter = new InMemorySpanExporter();
    telemetry = startTelemetry({ serviceName: 'itsm-platform', exporter });
    const { createPlatformApp } = await import('../src/app/bootstrap');
    app = await createPlatformApp();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await telemetry?.shutdown();
    await receiver?.stop();
    if (serverUrl === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = serverUrl;
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('traces POST /api/v1/services to its append, the relay publish on the in-process bus and the read models', async () => {
    const token = await signAccessToken({ sub: 'owner', name: 'Owner', roles: ['service-owner'] }, { secret: new TextEncoder().encode(jwtSecret) });
    const traceId = 'a1'.repeat(16);
    const registered = await call(`${baseUrl}/api/v1/services`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${'b2'.repeat(8)}-01` },
      body: { name: 'Traced mail', kind: 'technical', description: 'Mail, traced', ownerGroup: 'platform', supportGroup: 'service-desk' },
    });
    expect(registered.status).toBe(201);

    const ofTrace = () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const named = (name: string) => ofTrace().filter((span) => span.name === name);
    await waitUntil(
      () => `publish and projection spans among ${ofTrace().map((span) => span.name).join(', ')}`,
      () => named('publish itsm.catalog.events.v1').length > 0 && named('project read-models').length > 0,
      60_000,
    );
    const only = (name: string): ReadableSpan => {
      const spans = named(name);
      expect(spans).toHaveLength(1);
      return spans[0];
    };
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    const request = only('POST /api/v1/services');
    const command = ofTrace().find((span) => span.name.startsWith('command '));
    const append = only('append service');
    const [publish] = named('publish itsm.catalog.events.v1');

    expect(request.kind).toBe(SpanKind.SERVER);
    expect(parentOf(request)).toBe('b2'.repeat(8));
    expect(command && parentOf(command)).toBe(request.spanContext().spanId);
    expect(parentOf(append)).toBe(command?.spanContext().spanId);
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    expect(parentOf(publish)).toBe(append.spanContext().spanId);
    for (const projection of named('project read-models')) expect(parentOf(projection)).toBe(append.spanContext().spanId);
    // Whoever consumes the in-process bus continues from the publish.
    for (const consume of ofTrace().filter((span) => span.kind === SpanKind.CONSUMER)) expect(parentOf(consume)).toBe(publish.spanContext().spanId);
  });

  it('delivers the event to a webhook receiver and an SSE client in spans of the same trace, children of the append', async () => {
    const token = await signAccessToken({ sub: 'admin', name: 'Admin', roles: ['admin'] }, { secret: new TextEncoder().encode(jwtSecret) });
    const authorization = `Bearer ${token}`;
    const subscribed = await call(`${baseUrl}/api/v1/webhooks`, {
      method: 'POST',
      headers: { authorization },
      body: { url: `${receiver.baseUrl}/traced`, eventTypes: ['ServiceRegistered'] },
    });
    expect(subscribed.status).toBe(201);
    const closeStream = new AbortController();
    const stream = await fetch(`${baseUrl}/api/v1/events?types=itsm.catalog.ServiceRegistered.*`, { headers: { authorization }, signal: closeStream.signal });
    expect(stream.status).toBe(200);
    const messages: ServerSentMessage[] = [];
    const reading = (async () => {
      try {
        for await (const message of readServerSentEvents(stream.body as ReadableStream<Uint8Array>)) messages.push(message);
      } catch {
        // aborted at the end
      }
    })();

    const traceId = 'e5'.repeat(16);
    const registered = await call(`${baseUrl}/api/v1/services`, {
      method: 'POST',
      headers: { authorization, traceparent: `00-${traceId}-${'f6'.repeat(8)}-01` },
      body: { name: 'Delivered mail', kind: 'technical', description: 'Mail, delivered', ownerGroup: 'platform', supportGroup: 'service-desk' },
    });
    expect(registered.status).toBe(201);
    const subject = `service-${(registered.body as { id: string }).id}`;

    const ofTrace = () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const named = (name: string) => ofTrace().filter((span) => span.name === name);
    await waitUntil(
      () => `delivery spans among ${ofTrace().map((span) => span.name).join(', ')}`,
      () => named('deliver webhook').length > 0 && named('deliver sse').length > 0,
      60_000,
    );
    await waitUntil('the SSE client to read the event', () =>
      messages.some((message) => message.kind === 'event' && (JSON.parse(message.data) as { subject: string }).subject === subject),
    );
    closeStream.abort();
    await reading;
    // Its server span ends when the server sees the client gone.
    const streamRequest = await waitUntil('the stream request span', () => exporter.getFinishedSpans().find((span) => span.name === 'GET /api/v1/events'));
    const [append] = named('append service');
    const [webhook] = named('deliver webhook');
    const [sse] = named('deliver sse');

    expect(webhook.kind).toBe(SpanKind.CLIENT);
    expect(webhook.parentSpanContext?.spanId).toBe(append.spanContext().spanId);
    expect(webhook.attributes).toMatchObject({ 'itsm.delivery': `${receiver.baseUrl}/traced`, 'itsm.stream.id': subject, 'http.response.status_code': 204 });
    const [delivery] = receiver.on('/traced');
    expect(delivery.headers['traceparent']).toBe(`00-${traceId}-${webhook.spanContext().spanId}-01`);

    expect(sse.kind).toBe(SpanKind.PRODUCER);
    expect(sse.parentSpanContext?.spanId).toBe(append.spanContext().spanId);
    expect(sse.attributes).toMatchObject({ 'itsm.delivery': 'reader admin', 'itsm.stream.id': subject });
    // The stream's own request span (its trace, not the event's) is a link.
    expect(sse.links.map((link) => link.context.spanId)).toEqual([streamRequest.spanContext().spanId]);
  });
});
