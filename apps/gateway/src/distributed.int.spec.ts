import { randomUUID } from 'node:crypto';
import { describeWithKafka } from '@itsm/messaging';
import { APP_START_LIMIT_MS, createTestDatabase, freePort, startAppProcess, type AppProcess, type TestDatabase } from '@itsm/platform-kit';
import { bearer, DISTRIBUTED_JWT_SECRET, header, jsonCallsTo, watchEventTopics, type EventTopicsWitness } from './testing/distributed-harness';

describeWithKafka('distributed shape: gateway → service-catalog on PostgreSQL, relay → Kafka (separate processes)', (brokers) => {
  jest.setTimeout(10 * 60_000);
  const processes: AppProcess[] = [];
  let database: TestDatabase;
  let topics: EventTopicsWitness;
  let gatewayUrl: string;
  const call = jsonCallsTo(() => gatewayUrl);

  beforeAll(async () => {
    database = await createTestDatabase('itsm_distributed');
    topics = await watchEventTopics(brokers, 'dist');

    const [servicePort, gatewayPort] = await Promise.all([freePort(), freePort()]);
    const shared = { ITSM_JWT_SECRET: DISTRIBUTED_JWT_SECRET, HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    // The service first: it creates the event log's tables, which the relay then finds. The gateway has no database.
    const service = startAppProcess('service-catalog', { ...shared, DATABASE_URL: database.url, PORT: String(servicePort), ITSM_RATE_LIMIT: '0' });
    processes.push(service);
    await service.waitFor(/^service-catalog listening/, APP_START_LIMIT_MS);
    const gateway = startAppProcess('gateway', { ...shared, PORT: String(gatewayPort), CATALOG_SERVICE_URL: `http://127.0.0.1:${servicePort}` });
    const relay = startAppProcess('relay', {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers.join(','),
      ITSM_TOPIC_PREFIX: topics.prefix,
      RELAY_PROGRESS_INTERVAL_MS: '1000',
    });
    processes.push(gateway, relay);
    await Promise.all([gateway.waitFor(/^gateway listening/, APP_START_LIMIT_MS), relay.waitFor(/^relay started$/, APP_START_LIMIT_MS)]);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await topics?.close();
    await database?.drop();
  });

  it('is ready only when the service behind it is', async () => {
    const ready = await call('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { 'service-catalog': { status: 'up' } } });
  });

  it('refuses a caller without credentials at the edge, and one without the role at the service', async () => {
    const anonymous = await call('/api/v1/services');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const requester = await call('/api/v1/services', { method: 'POST', headers: await bearer(['requester']), body: { name: 'x' } });
    expect(requester.status).toBe(403);
    expect(requester.body).toMatchObject({ status: 403, instance: '/api/v1/services' });
  });

  it('serves the catalog routes in its OpenAPI document', async () => {
    const document = await call('/api/docs-json');
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/v1/services', '/api/v1/services/{id}/retire', '/health/ready']));
  });

  it('creates, changes and retires a service through the gateway, and the relay puts the CloudEvents on Kafka', async () => {
    const owner = await bearer(['service-owner']);
    const correlationId = `dist-${randomUUID()}`;
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const registration = { name: 'Payroll', kind: 'business', description: 'Monthly pay runs', ownerGroup: 'hr-apps', supportGroup: 'service-desk' };

    const created = await call('/api/v1/services', {
      method: 'POST',
      headers: { ...owner, 'idempotency-key': `create-${correlationId}`, 'x-correlation-id': correlationId, traceparent },
      body: registration,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...registration, number: expect.stringMatching(/^SVC\d{7}$/), lifecycle: 'pipeline' });
    const id: string = created.body.id;
    expect(created.headers.get('etag')).toBe('"0"');
    expect(created.headers.get('location')).toBe(`/api/v1/services/${id}`);
    expect(created.headers.get('x-correlation-id')).toBe(correlationId);
    expect(Number(created.headers.get('x-log-position'))).toBeGreaterThan(0);

    const replayed = await call('/api/v1/services', { method: 'POST', headers: { ...owner, 'idempotency-key': `create-${correlationId}` }, body: registration });
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body.id).toBe(id);

    const patched = await call(`/api/v1/services/${id}`, {
      method: 'PATCH',
      headers: { ...owner, 'if-match': '"0"', 'x-correlation-id': correlationId },
      body: { name: 'Payroll and expenses' },
    });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"1"');
    const stale = await call(`/api/v1/services/${id}`, { method: 'PATCH', headers: { ...owner, 'if-match': '"0"' }, body: { name: 'Lost update' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const retired = await call(`/api/v1/services/${id}/retire`, {
      method: 'POST',
      headers: { ...owner, 'if-match': '"1"', 'x-correlation-id': correlationId },
      body: { reason: 'Replaced by the HR suite' },
    });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ id, name: 'Payroll and expenses', lifecycle: 'retired' });
    expect(retired.headers.get('etag')).toBe('"2"');

    const listed = await call(`/api/v1/services?lifecycle=retired&q=Payroll`, {
      headers: { ...owner, 'x-wait-for-position': retired.headers.get('x-log-position') ?? '' },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string; lifecycle: string }) => [item.id, item.lifecycle])).toEqual([[id, 'retired']]);

    const subject = `service-${id}`;
    const messages = (await topics.waitForSubject('catalog', subject, 3, 30_000)).map((read) => read.message);
    expect(messages.map((message) => header(message, 'ce_type'))).toEqual([
      'itsm.catalog.ServiceRegistered.v2',
      'itsm.catalog.ServiceUpdated.v1',
      'itsm.catalog.ServiceRetired.v1',
    ]);
    for (const message of messages) {
      expect(message.key?.toString()).toBe(subject);
      expect(header(message, 'ce_source')).toBe('/itsm/catalog');
      expect(header(message, 'ce_specversion')).toBe('1.0');
      expect(header(message, 'ce_correlationid')).toBe(correlationId);
      expect(JSON.parse(header(message, 'ce_actor') ?? '{}')).toMatchObject({ id: 'alice', role: 'service-owner', via: 'bearer' });
    }
    expect(header(messages[0], 'ce_traceparent')).toBe(traceparent);
    const [registered, updated, retirement] = messages.map((message) => JSON.parse(message.value?.toString() ?? 'null'));
    expect(registered).toMatchObject({ ...registration, serviceId: id, number: created.body.number, lifecycle: 'pipeline' });
    expect(updated).toMatchObject({ serviceId: id, changes: { name: 'Payroll and expenses' } });
    expect(retirement).toMatchObject({ serviceId: id, previousLifecycle: 'pipeline', reason: 'Replaced by the HR suite' });
  });
});
