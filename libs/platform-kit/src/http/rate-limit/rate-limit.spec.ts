import { call, startGatewayTestApp, type GatewayTestApp } from '../testing/gateway-test-app';

describe('rate limit per caller', () => {
  let gateway: GatewayTestApp;
  let whoami: string;

  beforeAll(async () => {
    gateway = await startGatewayTestApp({ ITSM_RATE_LIMIT: '3', ITSM_RATE_LIMIT_WINDOW_SECONDS: '60' });
    whoami = `${gateway.baseUrl}/api/v1/probes/whoami`;
  });
  afterAll(() => gateway.close());

  it('answers 429 with Retry-After once a caller used up its budget, across routes', async () => {
    const alice = { authorization: `Bearer ${await gateway.token(['agent'], 'alice')}` };
    expect((await call(whoami, { headers: alice })).status).toBe(200);
    expect((await call(`${gateway.baseUrl}/api/v1/probes/some-id`, { headers: alice })).status).toBe(200);
    expect((await call(whoami, { headers: alice })).status).toBe(200);
    const limited = await call(whoami, { headers: alice });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(limited.body.type).toBe('urn:itsm:problem:rate-limited');
  });

  it('counts each caller separately', async () => {
    const bob = { authorization: `Bearer ${await gateway.token(['agent'], 'bob')}` };
    expect((await call(whoami, { headers: bob })).status).toBe(200);
  });

  it('counts failed authentications by client IP', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) statuses.push((await call(whoami, { headers: { 'x-api-key': 'guess' } })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('does not limit public routes', async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect((await call(`${gateway.baseUrl}/api/v1/probes/open`)).status).toBe(200);
  });
});
