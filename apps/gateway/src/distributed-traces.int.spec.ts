import { randomBytes } from 'node:crypto';
import { describeWithKafka } from '@itsm/messaging';
import { APP_START_LIMIT_MS, createTestDatabase, freePort, startAppProcess, waitUntil, type AppProcess, type TestDatabase } from '@itsm/platform-kit';
import { OTLP_SPAN_KIND, startOtlpJsonCollector, type CollectedSpan, type OtlpJsonCollector } from '@itsm/telemetry';
import { bearer, DISTRIBUTED_JWT_SECRET, header, jsonCallsTo, watchEventTopics, type EventTopicsWitness } from './testing/distributed-harness';

/** The incidents process's consumer group (apps/incidents), named after ITSM_TOPIC_PREFIX like its topics. */
const INCIDENTS_GROUP = 'incidents';

/**
 * Issue 13 point 5: one trace from an HTTP request to a projection in another process. Gateway → service-catalog
 * (command, append to its log) → relay (log → Kafka) → incidents (consumer, its copy of the catalog), four OS
 * processes, each exporting its spans by OTLP/HTTP JSON (the standard OTEL_* variables) to a collector of this spec.
 */
describeWithKafka('distributed shape: one trace from an HTTP request through the log and Kafka to a projection', (brokers) => {
  jest.setTimeout(10 * 60_000);
  const processes: AppProcess[] = [];
  let collector: OtlpJsonCollector;
  let catalogDatabase: TestDatabase;
  let incidentsDatabase: TestDatabase;
  let topics: EventTopicsWitness;
  let gatewayUrl: string;
  const call = jsonCallsTo(() => gatewayUrl);

  beforeAll(async () => {
    [collector, catalogDatabase, incidentsDatabase, topics] = await Promise.all([
      startOtlpJsonCollector(),
      createTestDatabase('itsm_traces_catalog'),
      createTestDatabase('itsm_traces_incidents'),
      watchEventTopics(brokers, 'traces'),
    ]);
    const tracing = {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Export within a fraction of a second rather than the default 5 s.
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_SERVICE_NAME: undefined,
    };
    const [catalogPort, incidentsPort, gatewayPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const shared = { ...tracing, ITSM_JWT_SECRET: DISTRIBUTED_JWT_SECRET, HOST: '127.0.0.1', LOG_LEVEL: 'info', ITSM_RATE_LIMIT: '0' };
    const kafka = { KAFKA_BROKERS: brokers.join(','), ITSM_TOPIC_PREFIX: topics.prefix };

    const catalog = startAppProcess('service-catalog', { ...shared, DATABASE_URL: catalogDatabase.url, PORT: String(catalogPort) });
    const incidents = startAppProcess('incidents', { ...shared, ...kafka, DATABASE_URL: incidentsDatabase.url, PORT: String(incidentsPort) });
    processes.push(catalog, incidents);
    await Promise.all([catalog.waitFor(/^service-catalog listening/, APP_START_LIMIT_MS), incidents.waitFor(/^incidents listening/, APP_START_LIMIT_MS)]);
    // After the catalog has created its log's tables, which the relay follows.
    const relay = startAppProcess('relay', { ...tracing, ...kafka, DATABASE_URL: catalogDatabase.url });
    const gateway = startAppProcess('gateway', {
      ...shared,
      PORT: String(gatewayPort),
      CATALOG_SERVICE_URL: `http://127.0.0.1:${catalogPort}`,
      INCIDENTS_SERVICE_URL: `http://127.0.0.1:${incidentsPort}`,
    });
    processes.push(relay, gateway);
    await Promise.all([relay.waitFor(/^relay started$/, APP_START_LIMIT_MS), gateway.waitFor(/^gateway listening/, APP_START_LIMIT_MS)]);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await topics?.close([INCIDENTS_GROUP]);
    await Promise.all([catalogDatabase?.drop(), incidentsDatabase?.drop(), collector?.close()]);
  });

  it('follows the caller’s traceparent: gateway → catalog command → append → relay → Kafka → incidents consumer → projection', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const registered = await call('/api/v1/services', {
      method: 'POST',
      headers: { ...(await bearer(['service-owner'])), traceparent: `00-${traceId}-${callerSpanId}-01` },
      body: { name: 'Traced mail', kind: 'technical', description: 'Mail, traced', ownerGroup: 'platform', supportGroup: 'service-desk' },
    });
    expect(registered.status).toBe(201);
    const streamId = `service-${registered.body.id}`;

    // The CloudEvent on Kafka: the origin (the append) in ce_traceparent, the relay's publish in traceparent.
    const [message] = await topics.waitForSubject('catalog', streamId, 1, 60_000);
    expect(header(message.message, 'ce_type')).toBe('itsm.catalog.ServiceRegistered.v2');
    await topics.waitUntilGroupHandled(INCIDENTS_GROUP, [message], 60_000);
    const eventId = header(message.message, 'ce_id');

    const spansOfTrace = () => collector.spans().filter((span) => span.traceId === traceId);
    const projectedBy = (span: CollectedSpan) => span.service === 'incidents' && span.name.startsWith('project ');
    await waitUntil(
      () => `the projection span among ${spansOfTrace().map((span) => `${span.service}:${span.name}`).join(', ')}`,
      () => spansOfTrace().some(projectedBy),
      60_000,
    );
    const spans = spansOfTrace();
    const one = (what: string, where: (span: CollectedSpan) => boolean): CollectedSpan => {
      const found = spans.filter(where);
      if (found.length !== 1) throw new Error(`${found.length} spans for ${what} among ${spans.map((span) => `${span.service}:${span.name}`).join(', ')}`);
      return found[0];
    };

    const edge = one('the gateway request', (span) => span.service === 'gateway' && span.kind === OTLP_SPAN_KIND.server);
    const request = one('the catalog request', (span) => span.service === 'service-catalog' && span.kind === OTLP_SPAN_KIND.server);
    const command = one('the catalog command', (span) => span.service === 'service-catalog' && span.name.startsWith('command '));
    const append = one('the append', (span) => span.service === 'service-catalog' && span.name === 'append service');
    const publish = one('the relay publish', (span) => span.service === 'relay' && span.attributes['messaging.message.id'] === eventId);
    const consume = one(
      'the incidents consumer',
      (span) => span.service === 'incidents' && span.kind === OTLP_SPAN_KIND.consumer && span.attributes['messaging.consumer.group.name'] === topics.prefix + INCIDENTS_GROUP,
    );
    const projection = one('the projection', projectedBy);

    // One trace across four processes, the caller's; each hop a child of the one before.
    expect(edge).toMatchObject({ parentSpanId: callerSpanId, name: 'POST /api/v1/services' });
    const parentOf = (span: CollectedSpan) => spans.find((candidate) => candidate.spanId === span.parentSpanId);
    // The catalog's request is the gateway's forward: a child of the edge's request (or of its proxy's span under it).
    const forwardedBy = parentOf(request);
    expect(forwardedBy?.service).toBe('gateway');
    expect([forwardedBy?.spanId, forwardedBy?.parentSpanId]).toContain(edge.spanId);
    expect(request).toMatchObject({ name: 'POST /api/v1/services', attributes: expect.objectContaining({ 'http.response.status_code': 201 }) });
    expect(command.parentSpanId).toBe(request.spanId);
    expect(append.parentSpanId).toBe(command.spanId);
    expect(append.attributes).toMatchObject({ 'itsm.stream.id': streamId });
    expect(header(message.message, 'ce_traceparent')).toBe(`00-${traceId}-${append.spanId}-01`);
    expect(publish).toMatchObject({ kind: OTLP_SPAN_KIND.producer, parentSpanId: append.spanId });
    expect(header(message.message, 'traceparent')).toBe(`00-${traceId}-${publish.spanId}-01`);
    expect(consume.parentSpanId).toBe(publish.spanId);
    expect(consume.links).toEqual([{ traceId, spanId: append.spanId }]);
    expect(projection.parentSpanId).toBe(consume.spanId);
    expect(new Set([edge, request, command, append, publish, consume, projection].map((span) => span.service))).toEqual(
      new Set(['gateway', 'service-catalog', 'relay', 'incidents']),
    );
    expect(spans.every((span) => span.statusCode !== 2)).toBe(true);
  });
});
