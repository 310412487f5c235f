import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { call, createTestDatabase, signAccessToken, waitUntil, type TestDatabase } from '@itsm/platform-kit';
import { startTelemetry, type Telemetry } from '@itsm/telemetry';

const dataDir = mkdtempSync(join(tmpdir(), 'itsm-traces-'));
const jwtSecret = 'embedded-traces-spec-secret-of-32-chars+';

/**
 * Tracing on in the single-process shape (every module, the in-process bus, read models following the log), with the
 * in-memory exporter: a request's trace reaches its append, the relay's publish and the read models.
 */
describe('the platform in one process with tracing on', () => {
  let database: TestDatabase;
  let telemetry: Telemetry;
  let exporter: InMemorySpanExporter;
  let app: INestApplication;
  let baseUrl: string;
  // The spec's server address: createTestDatabase administers databases through it.
  const serverUrl = process.env['DATABASE_URL'];

  beforeAll(async () => {
    database = await createTestDatabase('itsm_embedded_traces');
    Object.assign(process.env, { ITSM_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ITSM_JWT_SECRET: jwtSecret, DATABASE_URL: database.url, ITSM_RATE_LIMIT: '0' });
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
});
