import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { newId, waitUntil } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { EVENT_STORE, signAccessToken } from '@itsm/platform-kit';
import { TestReceiver } from '@itsm/webhooks-application/testing';
import { createWebhooksApp } from './create-webhooks-app';

const SECRET = 'webhooks-deliveries-spec-secret-of-32-chars';

interface Subscription {
  id: string;
  secret: string;
}

interface Delivery {
  id: string;
  eventId: string;
  position: number;
  origin: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

/**
 * The webhooks process on PGlite with a real receiver on 127.0.0.1 (loopback allowed, as in tests), a fast retry
 * schedule (4 attempts, 20 ms doubling to 100 ms, full jitter) and events appended to its log.
 */
describe('webhook deliveries (webhooks app on PGlite, a receiver on 127.0.0.1)', () => {
  let dataDir: string;
  let app: INestApplication;
  let baseUrl: string;
  let receiver: TestReceiver;
  let token: string;
  let store: EventStore;

  const call = async (method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${baseUrl}/api/v1/webhooks${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    return { status: answer.status, headers: answer.headers, body: text === '' ? undefined : JSON.parse(text) };
  };
  const subscribe = async (path: string, eventTypes = ['ServiceRegistered']): Promise<Subscription> => {
    const created = await call('POST', '', { url: `${receiver.baseUrl}${path}`, eventTypes });
    expect(created.status).toBe(201);
    return created.body as Subscription;
  };
  /** Appends a ServiceRegistered event (as a catalog would) and answers its id and log position. */
  const registerService = async (name: string): Promise<{ eventId: string; position: number }> => {
    const eventId = newId();
    const { lastGlobalPosition } = await store.appendToStream(`service-${newId()}`, [{ type: 'ServiceRegistered', eventId, data: { name }, metadata: { actor: { id: 'spec' }, correlationId: 'spec' } }], {
      expectedRevision: -1,
    });
    return { eventId, position: lastGlobalPosition };
  };
  const deliveries = async (subscription: Subscription, query = ''): Promise<Delivery[]> => (await call('GET', `/${subscription.id}/deliveries${query}`)).body.items;
  const eventIdsAt = (path: string) => receiver.on(path).map((delivery) => JSON.parse(delivery.body).id as string);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'itsm-webhooks-deliveries-'));
    receiver = await TestReceiver.start();
    app = await createWebhooksApp({
      ITSM_DATA_DIR: dataDir,
      ITSM_JWT_SECRET: SECRET,
      ITSM_RATE_LIMIT: '0',
      LOG_LEVEL: 'silent',
      ITSM_WEBHOOKS_ALLOW_PRIVATE: 'loopback',
      ITSM_WEBHOOKS_MAX_ATTEMPTS: '4',
      ITSM_WEBHOOKS_RETRY_BASE_MS: '20',
      ITSM_WEBHOOKS_RETRY_MAX_MS: '100',
      ITSM_WEBHOOKS_POLL_MS: '20',
      ITSM_WEBHOOKS_TIMEOUT_MS: '5000',
    });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    store = app.get(EVENT_STORE);
    token = await signAccessToken({ sub: 'admin-1', name: 'Ada', roles: ['admin'] }, { secret: new TextEncoder().encode(SECRET) });
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers to a receiver that fails its first 3 attempts on the 4th, signed so that standardwebhooks verifies it', async () => {
    receiver.answerWith(({ path, count }) => ({ status: path === '/flaky' && count <= 3 ? 503 : 204 }));
    const subscription = await subscribe('/flaky');
    expect(subscription.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { eventId, position } = await registerService('Payroll');

    const delivered = await waitUntil('the 4th attempt delivered', async () => (await deliveries(subscription)).find((delivery) => delivery.status === 'delivered'));
    expect(delivered).toMatchObject({ eventId, position, origin: 'live', attempts: 4 });
    const attempts = receiver.on('/flaky');
    expect(attempts.map((attempt) => attempt.status)).toEqual([503, 503, 503, 204]);
    // The same message each time: one webhook-id, verifiable with the subscription's secret.
    expect(new Set(attempts.map((attempt) => attempt.headers['webhook-id']))).toEqual(new Set([delivered.id]));
    const last = attempts[3];
    const verified = new Webhook(subscription.secret).verify(last.body, last.headers as Record<string, string>);
    expect(verified).toMatchObject({ specversion: '1.0', id: eventId, type: 'itsm.catalog.ServiceRegistered.v2', source: '/itsm/catalog', sequence: String(position), data: { name: 'Payroll' } });
    expect(() => new Webhook(`whsec_${Buffer.from('another secret of 32 bytes......').toString('base64')}`).verify(last.body, last.headers as Record<string, string>)).toThrow();

    const log = (await call('GET', `/${subscription.id}/deliveries/${delivered.id}`)).body;
    expect(log.attemptLog.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([503, 503, 503, 204]);
  });

  it('dead-letters a delivery to a receiver down past the retries; redelivery succeeds once it is back', async () => {
    let down = true;
    receiver.answerWith(({ path }) => ({ status: path === '/down' && down ? 500 : 204 }));
    const subscription = await subscribe('/down');
    const { eventId } = await registerService('Mail');

    const [dead] = await waitUntil('the dead letter', async () => {
      const listed = await deliveries(subscription, '?status=dead-lettered');
      return listed.length > 0 && listed;
    });
    expect(dead).toMatchObject({ eventId, status: 'dead-lettered', attempts: 4, lastError: 'HTTP 500' });
    expect(receiver.on('/down')).toHaveLength(4);

    down = false;
    const redelivered = await call('POST', `/${subscription.id}/deliveries/${dead.id}/redeliver`);
    expect(redelivered.status).toBe(202);
    await waitUntil('redelivered', async () => (await deliveries(subscription)).find((delivery) => delivery.status === 'delivered'));
    expect(await deliveries(subscription, '?status=dead-lettered')).toEqual([]);
    expect(receiver.on('/down').map((attempt) => [attempt.headers['webhook-id'], attempt.status]).at(-1)).toEqual([dead.id, 204]);
  });

  it('delivers nothing while disabled, resumes once enabled, and replays from a log position', async () => {
    receiver.answerWith(() => ({ status: 204 }));
    const subscription = await subscribe('/switch');
    // A second subscription as a marker: the fan-out reads the log in order, so once it has the marker it has judged every earlier event.
    const marker = await subscribe('/marker');
    const first = await registerService('One');
    await waitUntil('the first event delivered', () => eventIdsAt('/switch').includes(first.eventId));

    const disabled = await call('PATCH', `/${subscription.id}`, { enabled: false, reason: 'receiver maintenance' });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled', disabledReason: 'receiver maintenance' });
    expect(disabled.headers.get('etag')).toBe('"1"');
    const whileDisabled = await registerService('Two');
    await waitUntil('the marker has it', () => eventIdsAt('/marker').includes(whileDisabled.eventId));

    expect((await call('PATCH', `/${subscription.id}`, { enabled: true })).body).toMatchObject({ status: 'enabled', disabledReason: null });
    const afterwards = await registerService('Three');
    await waitUntil('delivered again once enabled', () => eventIdsAt('/switch').includes(afterwards.eventId));
    expect(eventIdsAt('/switch')).toEqual([first.eventId, afterwards.eventId]);

    const replay = await call('POST', `/${subscription.id}/replay`, { fromPosition: first.position });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ queued: 2, throughPosition: expect.any(Number) });
    await waitUntil('the replayed events delivered', () => eventIdsAt('/switch').length === 4 && true);
    expect(eventIdsAt('/switch').slice(2).sort()).toEqual([whileDisabled.eventId, afterwards.eventId].sort());
    // The receiver answers before the worker records the outcome, so wait for the record rather than read it once.
    const replayed = await waitUntil('the replayed deliveries recorded', async () => {
      const fromReplay = (await deliveries(subscription)).filter((delivery) => delivery.origin === 'replay');
      return fromReplay.length === 2 && fromReplay.every((delivery) => delivery.status !== 'pending') && fromReplay;
    });
    expect(replayed.map((delivery) => delivery.status)).toEqual(['delivered', 'delivered']);
    expect(marker.id).not.toBe(subscription.id);
  });

  it('replays from a time too, and refuses a replay without a start or with both', async () => {
    const subscription = await subscribe('/by-time');
    const from = new Date().toISOString();
    const late = await registerService('Late');
    await waitUntil('the live delivery', () => eventIdsAt('/by-time').includes(late.eventId));
    const replay = await call('POST', `/${subscription.id}/replay`, { fromTime: from });
    expect(replay.body.queued).toBe(1);
    await waitUntil('the replayed delivery', () => eventIdsAt('/by-time').length === 2 && true);
    expect(eventIdsAt('/by-time')).toEqual([late.eventId, late.eventId]);
    expect(new Set(receiver.on('/by-time').map((delivery) => delivery.headers['webhook-id'])).size).toBe(2);
    for (const body of [{}, { fromPosition: 0, fromTime: from }]) {
      const refused = await call('POST', `/${subscription.id}/replay`, body);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('follows no redirect: a 3xx is a failed attempt, and the redirect target gets nothing', async () => {
    receiver.answerWith(({ path }) => (path === '/moved' ? { status: 302, headers: { location: `${receiver.baseUrl}/elsewhere` } } : { status: 204 }));
    const subscription = await subscribe('/moved');
    await registerService('Redirected');
    const [dead] = await waitUntil('dead-lettered after redirects', async () => {
      const listed = await deliveries(subscription, '?status=dead-lettered');
      return listed.length > 0 && listed;
    });
    expect(dead.lastError).toBe(`HTTP 302 (redirect to ${receiver.baseUrl}/elsewhere not followed)`);
    expect(receiver.on('/elsewhere')).toEqual([]);
  });

  it.each([
    ['10.0.0.8', 'private'],
    ['169.254.169.254', 'link-local'],
    ['[fc00::1]', 'private'],
    ['[fd00:ec2::254]', 'private'],
  ])('refuses a receiver at %s (%s) with 400 problem+json naming the url', async (host, range) => {
    const refused = await call('POST', '', { url: `http://${host}/hook`, eventTypes: ['*'] });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual([{ field: 'url', message: expect.stringContaining(`points to a ${range} address`) }]);
  });

  it('manages subscriptions: list, get with ETag (never the secret), 404 once deleted, refusals as problems', async () => {
    const subscription = await subscribe('/managed', ['*']);
    const read = await call('GET', `/${subscription.id}`);
    expect(read.headers.get('etag')).toBe('"0"');
    expect(read.body).toEqual({ id: subscription.id, url: `${receiver.baseUrl}/managed`, eventTypes: ['*'], description: null, status: 'enabled', disabledReason: null, createdAt: expect.any(String) });
    const listed = await waitUntil('listed', async () => ((await call('GET', '?limit=100')).body.items as { id: string }[]).find((item) => item.id === subscription.id));
    expect(listed).not.toHaveProperty('secret');

    expect((await call('POST', '', { url: `${receiver.baseUrl}/x`, eventTypes: ['IncidentExploded'] })).status).toBe(409);
    expect((await call('POST', '', { url: 'not a url', eventTypes: ['*'] })).status).toBe(409);
    expect((await call('POST', '', { url: `${receiver.baseUrl}/x`, eventTypes: 'all' })).status).toBe(400);
    expect((await call('GET', '/not-a-uuid')).status).toBe(400);
    expect((await call('GET', `/${subscription.id}/deliveries?cursor=bogus`)).status).toBe(400);

    expect((await call('DELETE', `/${subscription.id}`)).status).toBe(204);
    expect((await call('GET', `/${subscription.id}`)).status).toBe(404);
    expect((await call('GET', `/${subscription.id}/deliveries`)).status).toBe(404);
  });

  it('counts attempts by what followed them on /metrics', async () => {
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    const count = (outcome: string) => Number(new RegExp(`^itsm_webhook_attempts_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
    // The specs above: the flaky receiver's 3 failures, the down and the redirecting receivers' 3 each before their last.
    expect(count('retry')).toBeGreaterThanOrEqual(9);
    expect(count('dead-lettered')).toBeGreaterThanOrEqual(2);
    expect(count('delivered')).toBeGreaterThanOrEqual(4);
  });

  it('is for admins only', async () => {
    const agent = await signAccessToken({ sub: 'agent-1', name: 'Al', roles: ['agent'] }, { secret: new TextEncoder().encode(SECRET) });
    const answer = await fetch(`${baseUrl}/api/v1/webhooks`, { headers: { authorization: `Bearer ${agent}` } });
    expect(answer.status).toBe(403);
  });
});
