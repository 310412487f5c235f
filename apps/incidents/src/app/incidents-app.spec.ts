import { startInProcessContextApp, type InProcessContextApp } from '@itsm/platform-kit';
import { createIncidentsApp } from './create-incidents-app';

/** The incidents process in this test's process: PGlite in a temp folder, projections from the log (no KAFKA_BROKERS). */
describe('incidents app (in process, on PGlite)', () => {
  let app: InProcessContextApp;
  let baseUrl: string;
  const agentToken = () => app.tokenFor('agent');

  beforeAll(async () => {
    app = await startInProcessContextApp('incidents', createIncidentsApp);
    baseUrl = app.baseUrl;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is ready: event store and projections up', async () => {
    const answer = await fetch(`${baseUrl}/health/ready`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'ok' });
  });

  it('refuses to open an incident without credentials (401 problem+json)', async () => {
    const answer = await fetch(`${baseUrl}/api/v1/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ shortDescription: 'Mail down', description: 'No mail', serviceId: 'x', impact: 1, urgency: 1 }),
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('lists no incidents yet to an agent', async () => {
    const answer = await fetch(`${baseUrl}/api/v1/incidents`, { headers: { authorization: `Bearer ${await agentToken()}` } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ items: [], nextCursor: null });
  });

  it('publishes its OpenAPI document with the incidents routes (the gateway merges it)', async () => {
    const document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/incidents', '/api/v1/incidents/{id}/sla']));
  });
});
