import { setTimeout as sleep } from 'node:timers/promises';
import { call, startGatewayTestApp, type GatewayTestApp } from '../testing/gateway-test-app';
import { SLOW_CREATE_MS } from '../testing/probe.controller';
import { requestHashOf } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

describe('Idempotency-Key on POST', () => {
  let gateway: GatewayTestApp;
  let auth: Record<string, string>;
  let url: string;
  let keyNumber = 0;
  const newKey = () => `key-${Date.now()}-${keyNumber++}`;

  beforeAll(async () => {
    gateway = await startGatewayTestApp();
    auth = { authorization: `Bearer ${await gateway.token(['service-owner'])}` };
    url = `${gateway.baseUrl}/api/v1/probes`;
  });
  afterAll(() => gateway.close());

  const create = (key: string, body: unknown, headers = auth) =>
    call(url, { method: 'POST', headers: { ...headers, 'idempotency-key': key }, body });

  it('replays the first response for the same key and body, without running the request again', async () => {
    const key = newKey();
    const first = await create(key, { name: 'once', size: 2 });
    const executions = gateway.probes.executions;
    const retry = await create(key, { size: 2, name: 'once' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(gateway.probes.executions).toBe(executions);
  });

  it('answers 422 when the key comes back with another body', async () => {
    const key = newKey();
    await create(key, { name: 'once', size: 2 });
    const other = await create(key, { name: 'twice', size: 2 });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(other.body.type).toBe('urn:itsm:problem:idempotency-key-reused');
  });

  it('runs concurrent duplicates once: the others are told it is in progress or get the replay', async () => {
    const key = newKey();
    const before = gateway.probes.executions;
    const answers = await Promise.all(Array.from({ length: 5 }, () => create(key, { name: 'racing', size: 3 })));
    expect(gateway.probes.executions - before).toBe(1);
    const created = answers.filter((answer) => answer.status === 201);
    expect(new Set(created.map((answer) => answer.body.id)).size).toBe(1);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
  });

  it('keeps keys per caller', async () => {
    const key = newKey();
    const alice = await create(key, { name: 'mine', size: 1 });
    const bob = await create(key, { name: 'mine', size: 1 }, { authorization: `Bearer ${await gateway.token(['admin'], 'bob')}` });
    expect(bob.status).toBe(201);
    expect(bob.body.id).not.toBe(alice.body.id);
  });

  it('frees the key of a failed request so that a corrected retry runs', async () => {
    const key = newKey();
    expect((await create(key, { name: 'bad' })).status).toBe(400);
    expect((await create(key, { name: 'bad' })).status).toBe(400);
    expect((await create(key, { name: 'good', size: 1 })).status).toBe(201);
  });

  it('refuses a malformed key', async () => {
    expect((await create('x'.repeat(300), { name: 'a', size: 1 })).status).toBe(400);
  });
});

describe('Idempotency-Key reservations are leases', () => {
  const LEASE_SECONDS = 1;
  let gateway: GatewayTestApp;
  let auth: Record<string, string>;
  let store: IdempotencyStore;
  const body = { name: 'leased', size: 4 };

  beforeAll(async () => {
    gateway = await startGatewayTestApp({ ITSM_IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS) });
    auth = { authorization: `Bearer ${await gateway.token(['service-owner'])}` };
    store = gateway.app.get(IdempotencyStore);
  });
  afterAll(() => gateway.close());

  const post = (path: string, key: string) =>
    call(`${gateway.baseUrl}${path}`, { method: 'POST', headers: { ...auth, 'idempotency-key': key }, body });

  it('lets the retry through once the lease of a holder that died has run out', async () => {
    const key = `crashed-${Date.now()}`;
    // What a process that crashed mid-request leaves behind: a reservation that nobody renews.
    const left = await store.reserve('bearer:alice', key, requestHashOf({ method: 'POST', originalUrl: '/api/v1/probes', body }));
    expect(left.kind).toBe('reserved');
    expect((await post('/api/v1/probes', key)).status).toBe(409);
    await sleep(LEASE_SECONDS * 1000 + 200);
    const retry = await post('/api/v1/probes', key);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject(body);
    const replay = await post('/api/v1/probes', key);
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.body.id]).toEqual([201, 'true', retry.body.id]);
  });

  it('keeps answering 409 while a live holder runs past its first lease, since it renews it', async () => {
    const key = `running-${Date.now()}`;
    const executions = gateway.probes.executions;
    const first = post('/api/v1/probes/slow', key);
    await sleep(SLOW_CREATE_MS - 700);
    expect(SLOW_CREATE_MS - 700).toBeGreaterThan(LEASE_SECONDS * 1000 * 1.5);
    const meanwhile = await post('/api/v1/probes/slow', key);
    expect(meanwhile.status).toBe(409);
    expect(meanwhile.body.type).toBe('urn:itsm:problem:idempotent-request-in-progress');
    expect((await first).status).toBe(201);
    expect(gateway.probes.executions - executions).toBe(1);
  });
});
