import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { INestApplication } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { call, freePort, signAccessToken, waitUntil } from '@itsm/platform-kit';
import { TestReceiver } from '@itsm/webhooks-application/testing';

const dataDir = mkdtempSync(join(tmpdir(), 'itsm-webhooks-embedded-'));
const jwtSecret = 'webhooks-embedded-spec-secret-of-32-chars';
const EXAMPLE_RECEIVER = resolve(__dirname, '../../../examples/webhook-receiver/receiver.mjs');

/** The example receiver (examples/webhook-receiver) as an OS process; its stdout lines are JSON. */
const startExampleReceiver = async (env: Record<string, string>): Promise<{ child: ChildProcess; lines: Record<string, unknown>[] }> => {
  const child = spawn(process.execPath, [EXAMPLE_RECEIVER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  if (!child.stdout) throw new Error('the example receiver has no stdout');
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  await waitUntil('the example receiver to listen', () => lines.some((line) => 'listening' in line), 15_000);
  return { child, lines };
};

/**
 * Webhooks on the embedded platform, through its HTTP API only: an admin subscribes, a service is registered
 * through the catalog's route, and the receiver gets the event signed; the example receiver verifies it too.
 */
describe('webhooks on the embedded platform', () => {
  let app: INestApplication;
  let baseUrl: string;
  let headers: Record<string, string>;
  let receiver: TestReceiver;
  let example: { child: ChildProcess; lines: Record<string, unknown>[] } | undefined;

  beforeAll(async () => {
    Object.assign(process.env, { ITSM_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ITSM_JWT_SECRET: jwtSecret, ITSM_WEBHOOKS_ALLOW_PRIVATE: 'loopback', ITSM_WEBHOOKS_POLL_MS: '50' });
    for (const name of ['DATABASE_URL', 'EVENTSTORE_URL', 'KAFKA_BROKERS']) delete process.env[name];
    receiver = await TestReceiver.start();
    const { createPlatformApp } = await import('../src/app/bootstrap');
    app = await createPlatformApp();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    const token = await signAccessToken({ sub: 'admin', name: 'Admin', roles: ['admin'] }, { secret: new TextEncoder().encode(jwtSecret) });
    headers = { authorization: `Bearer ${token}` };
  });

  afterAll(async () => {
    example?.child.kill('SIGTERM');
    await app?.close();
    await receiver?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async (method: string, path: string, body?: unknown) => call(`${baseUrl}/api/v1${path}`, { method, headers, body });
  const registerService = (name: string) => api('POST', '/services', { name, kind: 'business', description: name, ownerGroup: 'messaging', supportGroup: 'service-desk' });

  it('delivers a registered service to a subscriber, signed, and keeps it in the delivery log', async () => {
    const subscribed = await api('POST', '/webhooks', { url: `${receiver.baseUrl}/catalog`, eventTypes: ['ServiceRegistered'], description: 'CMDB sync' });
    expect(subscribed.status).toBe(201);
    const { id, secret } = subscribed.body as { id: string; secret: string };

    const service = await registerService('Email');
    expect(service.status).toBe(201);
    const [delivery] = await waitUntil('the delivery', () => receiver.on('/catalog').length > 0 && receiver.on('/catalog'));
    const event = new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as { type: string; subject: string; data: { name: string } };
    expect(event).toMatchObject({ type: 'itsm.catalog.ServiceRegistered.v2', subject: `service-${(service.body as { id: string }).id}`, data: { name: 'Email' } });

    const log = await waitUntil('the delivery log to say delivered', async () => {
      const items = ((await api('GET', `/webhooks/${id}/deliveries`)).body as { items: { status: string; id: string }[] }).items;
      return items[0]?.status === 'delivered' && items;
    });
    expect(log.map((item) => item.id)).toEqual([delivery.headers['webhook-id']]);
    expect(((await api('GET', '/webhooks')).body as { items: { id: string }[] }).items.map((item) => item.id)).toContain(id);
  });

  it('runs the example receiver (examples/webhook-receiver), which verifies what the platform sends', async () => {
    const port = await freePort();
    const subscribed = await api('POST', '/webhooks', { url: `http://127.0.0.1:${port}/webhooks`, eventTypes: ['*'] });
    expect(subscribed.status).toBe(201);
    example = await startExampleReceiver({ WEBHOOK_SECRET: (subscribed.body as { secret: string }).secret, PORT: String(port) });

    await registerService('Payroll');
    const verified = await waitUntil('the example receiver to verify the event', () =>
      example?.lines.find((line) => line.verified === true && line.type === 'itsm.catalog.ServiceRegistered.v2'),
    );
    expect(verified).toMatchObject({ webhookId: expect.stringMatching(/^msg_/), data: { name: 'Payroll' } });
    expect(example.lines.filter((line) => line.verified === false)).toEqual([]);
  });
});
