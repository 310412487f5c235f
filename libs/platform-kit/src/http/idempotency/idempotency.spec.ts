import { call, startGatewayTestApp, type GatewayTestApp } from '../testing/gateway-test-app';

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
