import { startInProcessContextApp, type Role, type InProcessContextApp } from '@itsm/platform-kit';
import { createWebhooksApp } from './create-webhooks-app';

/** The webhooks process in this test's process: PGlite in a temp folder, projections from the log (no KAFKA_BROKERS). */
describe('webhooks app (in process, on PGlite)', () => {
  let app: InProcessContextApp;
  let baseUrl: string;
  const create = (body: unknown, role: Role = 'admin') => app.post('/api/v1/webhooks', body, role);

  beforeAll(async () => {
    app = await startInProcessContextApp('webhooks', createWebhooksApp);
    baseUrl = app.baseUrl;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is ready: event store and projections up', async () => {
    const answer = await fetch(`${baseUrl}/health/ready`);
    expect(answer.status).toBe(200);
  });

  it('creates a webhook subscription: 201 with it, its secret (once), its ETag and the log position of the write', async () => {
    const answer = await create({ url: 'http://93.184.216.34/itsm', eventTypes: ['IncidentOpened'] });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('etag')).toBe('"0"');
    expect(answer.headers.get('x-log-position')).toMatch(/^\d+$/);
    expect(await answer.json()).toEqual({
      id: expect.any(String),
      url: 'http://93.184.216.34/itsm',
      eventTypes: ['IncidentOpened'],
      description: null,
      status: 'enabled',
      disabledReason: null,
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_/),
    });
  });

  it('refuses a loopback receiver when the settings allow none (127.0.0.1, ::1, localhost): 400 problem+json', async () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://[::1]/hook', 'http://localhost/hook']) {
      const answer = await create({ url, eventTypes: ['*'] });
      expect([url, answer.status, answer.headers.get('content-type')]).toEqual([url, 400, expect.stringMatching(/^application\/problem\+json/)]);
      expect(((await answer.json()) as { detail: string }).detail).toMatch(/points to a loopback address/);
    }
  });

  it('answers 400 problem+json for a request without a url, 401 without credentials', async () => {
    const invalid = await create({});
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const anonymous = await fetch(`${baseUrl}/api/v1/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
  });

  it('answers 409 with the decider’s reason for a blank url', async () => {
    const answer = await create({ url: '   ', eventTypes: ['*'] });
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ detail: 'The url must not be blank' });
  });

  it('publishes its OpenAPI document with its routes (the gateway merges it)', async () => {
    const document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/api/v1/webhooks');
  });
});
