import { call, startGatewayTestApp, type GatewayTestApp } from '../testing/gateway-test-app';

describe('ETag and If-Match', () => {
  let gateway: GatewayTestApp;
  let auth: Record<string, string>;
  let probeUrl: string;

  beforeAll(async () => {
    gateway = await startGatewayTestApp();
    auth = { authorization: `Bearer ${await gateway.token(['service-owner'])}` };
  });
  afterAll(() => gateway.close());

  beforeEach(async () => {
    const created = await call(`${gateway.baseUrl}/api/v1/probes`, { method: 'POST', headers: auth, body: { name: 'first', size: 1 } });
    probeUrl = `${gateway.baseUrl}/api/v1/probes/${created.body.id}`;
  });

  const rename = (name: string, headers: Record<string, string> = {}) =>
    call(probeUrl, { method: 'PATCH', headers: { ...auth, ...headers }, body: { name } });

  it('sends the stream revision as a strong ETag on create, read and update', async () => {
    expect((await call(probeUrl, { headers: auth })).headers.get('etag')).toBe('"0"');
    const renamed = await rename('second', { 'if-match': '"0"' });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get('etag')).toBe('"1"');
    expect((await call(probeUrl, { headers: auth })).body.name).toBe('second');
  });

  it('answers 412 when If-Match names a revision that is no longer current', async () => {
    await rename('second', { 'if-match': '"0"' });
    const stale = await rename('third', { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(stale.body).toMatchObject({ type: 'urn:itsm:problem:precondition-failed', currentRevision: 1 });
    expect(stale.headers.get('etag')).toBe('"1"');
    expect((await call(probeUrl, { headers: auth })).body.name).toBe('second');
  });

  it('lets exactly one of several writes with the same If-Match through', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, index) => rename(`writer-${index}`, { 'if-match': '"0"' })));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 412)).toHaveLength(7);
  });

  it('answers 409 (not 412) to a revision conflict when the request had no If-Match', async () => {
    const answer = await call(`${probeUrl}/lost-race`, { method: 'PATCH', headers: auth });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ type: 'urn:itsm:problem:revision-conflict', currentRevision: 0 });
    const withIfMatch = await call(`${probeUrl}/lost-race`, { method: 'PATCH', headers: { ...auth, 'if-match': '"0"' } });
    expect(withIfMatch.status).toBe(412);
  });

  it('accepts * as "the resource exists"', async () => {
    expect((await rename('second', { 'if-match': '*' })).status).toBe(200);
  });

  it('answers 412 to a weak entity tag, which never matches strongly', async () => {
    expect((await rename('second', { 'if-match': 'W/"0"' })).status).toBe(412);
  });

  it('answers 400 to a malformed If-Match', async () => {
    for (const value of ['0', '"abc"', '"0", "1"', '"-1"']) {
      const answer = await rename('second', { 'if-match': value });
      expect(answer.status).toBe(400);
      expect(answer.body.detail).toMatch(/If-Match/);
    }
  });

  it('refuses a malformed If-Match on a route that does not read it, such as a create', async () => {
    for (const value of ['0', '"0", "1"', 'garbage']) {
      const answer = await call(`${gateway.baseUrl}/api/v1/probes`, { method: 'POST', headers: { ...auth, 'if-match': value }, body: { name: 'new', size: 1 } });
      expect([value, answer.status]).toEqual([value, 400]);
      expect(answer.body.detail).toMatch(/If-Match/);
    }
    const weak = await call(`${gateway.baseUrl}/api/v1/probes`, { method: 'POST', headers: { ...auth, 'if-match': 'W/"0"' }, body: { name: 'new', size: 1 } });
    expect(weak.status).toBe(412);
  });

  it('sends no ETag of its own on error answers nor on bodies without a revision (no weak body hash)', async () => {
    const weak = await rename('second', { 'if-match': 'W/"0"' });
    expect([weak.status, weak.headers.get('etag')]).toEqual([412, null]);
    const whoami = await call(`${gateway.baseUrl}/api/v1/probes/whoami`, { headers: auth });
    expect([whoami.status, whoami.headers.get('etag')]).toEqual([200, null]);
  });

  it('answers 428 where If-Match is required and missing', async () => {
    expect((await call(`${probeUrl}/required`, { method: 'PATCH', headers: auth })).status).toBe(428);
    expect((await call(`${probeUrl}/required`, { method: 'PATCH', headers: { ...auth, 'if-match': '"4"' } })).body).toEqual({ expected: 4 });
  });
});
