import { startInProcessContextApp, type Role, type InProcessContextApp } from '@itsm/platform-kit';
import { createFinanceApp } from './create-finance-app';

/** The finance process in this test's process: PGlite in a temp folder, projections from the log (no KAFKA_BROKERS). */
describe('finance app (in process, on PGlite)', () => {
  let app: InProcessContextApp;
  let baseUrl: string;
  const open = (body: unknown, role: Role = 'finance') => app.post('/api/v1/finance/cost-centers', body, role);

  beforeAll(async () => {
    app = await startInProcessContextApp('finance', createFinanceApp);
    baseUrl = app.baseUrl;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is ready: event store and projections up', async () => {
    const answer = await fetch(`${baseUrl}/health/ready`);
    expect(answer.status).toBe(200);
  });

  it('opens a cost center: 201 with the cost center, its ETag and the log position of the write', async () => {
    const answer = await open({ code: 'it-ops', name: 'Name of the cost center', currency: 'EUR' });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('etag')).toBe('"0"');
    expect(answer.headers.get('x-log-position')).toMatch(/^\d+$/);
    expect(await answer.json()).toEqual({
      id: expect.any(String),
      code: 'IT-OPS',
      name: 'Name of the cost center',
      currency: 'EUR',
      parentId: null,
      status: 'opened',
      openedAt: expect.any(String),
      closedAt: null,
    });
  });

  it('answers 400 problem+json for a request without a name, 401 without credentials', async () => {
    const invalid = await open({});
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const anonymous = await fetch(`${baseUrl}/api/v1/finance/cost-centers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
  });

  it('answers 409 with the decider’s reason for a blank name', async () => {
    const answer = await open({ code: 'CC2', name: '   ', currency: 'EUR' });
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ detail: 'The name must not be blank' });
  });

  it('publishes its OpenAPI document with its routes (the gateway merges it)', async () => {
    const document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/finance/cost-centers', '/api/v1/finance/budgets/{id}/actuals', '/api/v1/finance/ledger-imports', '/api/v1/finance/usage']),
    );
  });
});
