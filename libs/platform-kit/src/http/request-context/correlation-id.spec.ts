import { call, startGatewayTestApp, type GatewayTestApp } from '../testing/gateway-test-app';

describe('X-Correlation-Id', () => {
  let gateway: GatewayTestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    gateway = await startGatewayTestApp();
    auth = { authorization: `Bearer ${await gateway.token(['service-owner'])}` };
  });
  afterAll(() => gateway.close());

  it('echoes the caller’s id and hands it to the controller', async () => {
    const answer = await call(`${gateway.baseUrl}/api/v1/probes/whoami`, { headers: { ...auth, 'x-correlation-id': 'req-42.a:b' } });
    expect(answer.headers.get('x-correlation-id')).toBe('req-42.a:b');
    expect(answer.body.correlationId).toBe('req-42.a:b');
  });

  it('generates one when absent, also on errors', async () => {
    const answer = await call(`${gateway.baseUrl}/api/v1/nowhere`);
    expect(answer.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.correlationId).toBe(answer.headers.get('x-correlation-id'));
  });

  it('refuses a malformed id with 400', async () => {
    const answer = await call(`${gateway.baseUrl}/api/v1/probes/whoami`, { headers: { ...auth, 'x-correlation-id': 'a b<script>' } });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries it, the actor and a valid traceparent into event metadata', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const created = await call(`${gateway.baseUrl}/api/v1/probes`, {
      method: 'POST',
      headers: { ...auth, 'x-correlation-id': 'corr-1', traceparent },
      body: { name: 'traced', size: 1 },
    });
    expect(created.body.metadata).toEqual({
      actor: { id: 'alice', role: 'service-owner', via: 'bearer' },
      correlationId: 'corr-1',
      causationId: null,
      traceparent,
    });
    const untraced = await call(`${gateway.baseUrl}/api/v1/probes`, {
      method: 'POST',
      headers: { ...auth, traceparent: 'garbage' },
      body: { name: 'untraced', size: 1 },
    });
    expect(untraced.body.metadata.traceparent).toBeNull();
  });
});
