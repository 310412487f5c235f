import { startInProcessContextApp, type Role, type InProcessContextApp } from '@itsm/platform-kit';
import { createChangesApp } from './create-changes-app';

const change = {
  type: 'normal',
  shortDescription: 'Short description of the change',
  description: 'PostgreSQL 15 to 16 on the payroll cluster',
  justification: 'Version 15 leaves support this year',
  serviceIds: ['svc-payroll'],
  implementationPlan: 'pg_upgrade',
  backoutPlan: 'Restore the snapshot',
  testPlan: 'Payroll smoke tests',
  plannedStart: '2026-03-10T20:00:00Z',
  plannedEnd: '2026-03-10T22:00:00Z',
  implementer: { group: 'dba-team', agent: 'dba-1' },
};

/** The changes process in this test's process: PGlite in a temp folder, projections from the log (no KAFKA_BROKERS). */
describe('changes app (in process, on PGlite)', () => {
  let app: InProcessContextApp;
  let baseUrl: string;
  const raise = (body: unknown, role: Role = 'change-manager') => app.post('/api/v1/changes', body, role);

  beforeAll(async () => {
    app = await startInProcessContextApp('changes', createChangesApp);
    baseUrl = app.baseUrl;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is ready: event store and projections up', async () => {
    const answer = await fetch(`${baseUrl}/health/ready`);
    expect(answer.status).toBe(200);
  });

  it('raises a change: 201 with the change, its ETag and the log position of the write', async () => {
    const answer = await raise(change);
    expect(answer.status).toBe(201);
    expect(answer.headers.get('etag')).toBe('"0"');
    expect(answer.headers.get('x-log-position')).toMatch(/^\d+$/);
    expect(await answer.json()).toMatchObject({
      id: expect.any(String), number: 'CHG0000001', type: 'normal', state: 'new', shortDescription: 'Short description of the change',
      plannedStart: '2026-03-10T20:00:00.000Z', implementer: { group: 'dba-team', agent: 'dba-1' }, requesterId: 'change-manager-1',
      risk: null, riskAssessmentDue: true, raisedAt: expect.any(String),
    });
  });

  it('answers 400 problem+json for a request without a short description, 401 without credentials', async () => {
    const invalid = await raise({});
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const anonymous = await fetch(`${baseUrl}/api/v1/changes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
  });

  it('answers 409 with the decider’s reason for a blank short description', async () => {
    const answer = await raise({ ...change, shortDescription: '   ' });
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ detail: 'The short description must not be blank' });
  });

  it('publishes its OpenAPI document with its routes (the gateway merges it)', async () => {
    const document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/api/v1/changes');
  });
});
