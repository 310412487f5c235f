import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { call, signAccessToken, type JsonAnswer } from '@itsm/platform-kit';

/*
 * Linking an incident to a change across contexts on the embedded process (PlatformModule, as `npm start` runs it):
 * the change is raised through the changes API, reaches the incidents' copy of changes through the log, and the
 * link names it by its number alone, waiting with X-Wait-For-Position for the position the raise answered with.
 */

// A fresh data folder; PGlite keeps the spec light (the wiring is the same on the embedded PostgreSQL).
const dataDir = mkdtempSync(join(tmpdir(), 'itsm-platform-change-link-'));
process.env.ITSM_DATA_DIR = dataDir;
process.env.ITSM_EMBEDDED_ENGINE = 'pglite';
delete process.env.DATABASE_URL;
delete process.env.EVENTSTORE_URL;
delete process.env.KAFKA_BROKERS;
process.env.LOG_LEVEL = 'silent';
process.env.ITSM_RATE_LIMIT = '0';
const jwtSecret = 'platform-change-link-secret-of-at-least-32-characters';
process.env.ITSM_JWT_SECRET = jwtSecret;

describe('the embedded platform links an incident to a change raised a moment ago, by its number', () => {
  let app: INestApplication;
  let baseUrl: string;
  let admin: Record<string, string>;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(`${baseUrl}/api/v1${path}`, { method: 'POST', headers: { ...admin, ...headers }, body });
  const after = (write: JsonAnswer) => ({ 'x-wait-for-position': write.headers.get('x-log-position') ?? '' });

  beforeAll(async () => {
    // The settings are read when the platform module loads, so it is imported after they are set.
    const { createPlatformApp } = await import('./bootstrap');
    app = await createPlatformApp();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    const token = await signAccessToken({ sub: 'admin', name: 'Admin', roles: ['admin'] }, { secret: new TextEncoder().encode(jwtSecret) });
    admin = { authorization: `Bearer ${token}` };
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('raises a change through the changes API and links it by number through the incidents API', async () => {
    const service = await post('/services', { name: 'Email', kind: 'business', description: 'Mail', ownerGroup: 'messaging', supportGroup: 'service-desk' });
    const live = await post(`/services/${service.body.id}/go-live`, {});
    expect(live.status).toBe(200);
    const opened = await post(
      '/incidents',
      { shortDescription: 'Mail down', description: 'Since the relay upgrade', serviceId: service.body.id, impact: 2, urgency: 2 },
      after(live),
    );
    expect(opened.status).toBe(201);

    const raised = await post('/changes', {
      type: 'normal',
      shortDescription: 'Upgrade the mail relay',
      description: 'Relay 2.4 to 2.5',
      justification: 'Security fix',
      serviceIds: [service.body.id],
      implementationPlan: 'Roll the nodes one by one',
      backoutPlan: 'Roll back to 2.4',
      testPlan: 'Send a test mail',
      plannedStart: '2030-03-03T20:00:00Z',
      plannedEnd: '2030-03-03T22:00:00Z',
      implementer: { group: 'mail-ops' },
    });
    expect([raised.status, raised.body.number]).toEqual([201, expect.stringMatching(/^CHG\d{7}$/)]);

    const linked = await post(`/incidents/${opened.body.id}/link`, { kind: 'change', changeNumber: raised.body.number, relation: 'caused-by' }, after(raised));
    expect([linked.status, linked.body.changeLinks]).toEqual([200, [{ changeId: raised.body.id, changeNumber: raised.body.number, relation: 'caused-by' }]]);

    const unknown = await post(`/incidents/${opened.body.id}/link`, { kind: 'change', changeNumber: 'CHG9999999' });
    expect([unknown.status, unknown.body.detail]).toEqual([404, expect.stringContaining('No change with number CHG9999999')]);
  });
});
