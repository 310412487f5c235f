import { request as httpRequest } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { freePort, signAccessToken } from '@itsm/platform-kit';
import { createGatewayApp } from './app/create-gateway-app';
import { startStandInUpstream, type StandInUpstream } from './testing/stand-in-upstream';

const SECRET = 'gateway-edge-spec-secret-of-32-characters';
const TIMEOUT_MS = 300;
const PROBLEM_JSON = /^application\/problem\+json/;

interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read whatever JSON came back
  body: any;
}

/** A gateway app in this process, forwarding the catalog routes to `catalogUrl` (and any other service in `more`). */
const startGateway = async (catalogUrl: string, more: Record<string, string> = {}) => {
  const app = await createGatewayApp({
    ...more,
    CATALOG_SERVICE_URL: catalogUrl,
    GATEWAY_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
    ITSM_BODY_LIMIT: '1kb',
    ITSM_JWT_SECRET: SECRET,
    ITSM_RATE_LIMIT: '0',
    LOG_LEVEL: 'silent',
  });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
};

/** A path sent exactly as written (fetch would resolve `..` and `%2e%2e` before sending). */
const rawGet = (baseUrl: string, path: string, headers: Record<string, string>) =>
  new Promise<{ status: number; contentType: string | undefined }>((answered, fail) => {
    const { hostname, port } = new URL(baseUrl);
    const request = httpRequest({ hostname, port, path, headers }, (response) => {
      response.resume();
      response.on('end', () => answered({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] }));
    });
    request.on('error', fail);
    request.end();
  });

describe('gateway edge (in process, against a stand-in service)', () => {
  let upstream: StandInUpstream;
  let gateway: { app: INestApplication; url: string };
  let unreachable: { app: INestApplication; url: string };
  let bearer: string;

  const call = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> => {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    upstream = await startStandInUpstream();
    gateway = await startGateway(upstream.url);
    // Nothing listens on this port: every forwarded request is refused.
    unreachable = await startGateway(`http://127.0.0.1:${await freePort()}`);
    bearer = `Bearer ${await signAccessToken({ sub: 'alice', name: 'Alice', roles: ['service-owner'] }, { secret: new TextEncoder().encode(SECRET) })}`;
  });
  beforeEach(() => {
    upstream.received.length = 0;
    upstream.answerWith((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  afterAll(async () => {
    await gateway?.app.close();
    await unreachable?.app.close();
    await upstream?.close();
  });

  it('limits nothing with ITSM_RATE_LIMIT=0, and answers 429 problem+json past a limit that is set', async () => {
    const headers = { authorization: bearer };
    const unlimited = await Promise.all(Array.from({ length: 30 }, () => call(`${gateway.url}/api/v1/services`, { headers })));
    expect(unlimited.map((answer) => answer.status)).toEqual(unlimited.map(() => 200));

    const limited = await createGatewayApp({ CATALOG_SERVICE_URL: upstream.url, ITSM_JWT_SECRET: SECRET, ITSM_RATE_LIMIT: '2', LOG_LEVEL: 'silent' });
    await limited.listen(0, '127.0.0.1');
    try {
      const url = await limited.getUrl();
      const answers = [];
      for (let request = 0; request < 3; request++) answers.push(await call(`${url}/api/v1/services`, { headers }));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
      expect(answers[2].headers.get('content-type')).toMatch(PROBLEM_JSON);
    } finally {
      await limited.close();
    }
  });

  it('answers 502 problem+json when the service refuses the connection', async () => {
    const answer = await call(`${unreachable.url}/api/v1/services`, { headers: { authorization: bearer } });
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(answer.body).toMatchObject({ type: 'urn:itsm:problem:upstream-unavailable', status: 502, instance: '/api/v1/services' });
  });

  it('answers 504 problem+json when the service does not answer within GATEWAY_UPSTREAM_TIMEOUT_MS', async () => {
    upstream.answerWith(() => undefined);
    const answer = await call(`${gateway.url}/api/v1/services/slow`, { headers: { authorization: bearer } });
    expect(answer.status).toBe(504);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(answer.body).toMatchObject({ type: 'urn:itsm:problem:upstream-timeout', status: 504 });
    expect(answer.body.detail).toContain(`${TIMEOUT_MS} ms`);
    expect(upstream.received.map((request) => request.url)).toEqual(['/api/v1/services/slow']);
  });

  it('streams a text/csv body to the service as it came (a ledger import), past the JSON size limit', async () => {
    const csv = `date,account\n${Array.from({ length: 300 }, (_, index) => `2026-03-01,acc-${index}`).join('\n')}\n`;
    const answer = await call(`${gateway.url}/api/v1/services/imports`, { method: 'POST', headers: { authorization: bearer, 'content-type': 'text/csv' }, body: csv });
    expect(answer.status).toBe(200);
    expect(upstream.received.map((request) => [request.method, request.headers['content-type'], request.body])).toEqual([['POST', 'text/csv', csv]]);
  });

  it('refuses a body over ITSM_BODY_LIMIT with 413 at the edge', async () => {
    const answer = await call(`${gateway.url}/api/v1/services`, {
      method: 'POST',
      headers: { authorization: bearer },
      body: JSON.stringify({ name: 'x'.repeat(2048) }),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(upstream.received).toEqual([]);
  });

  it('serves the AsyncAPI document itself, without credentials, as JSON and YAML; the service never hears of it', async () => {
    const json = await call(`${gateway.url}/api/asyncapi.json`);
    expect(json.status).toBe(200);
    expect(json.body.asyncapi).toBe('3.0.0');
    expect(Object.values(json.body.channels as Record<string, { address: string }>).map((channel) => channel.address).sort()).toEqual([
      'itsm.catalog.events.v1', 'itsm.changes.events.v1', 'itsm.finance.events.v1', 'itsm.incidents.events.v1', 'itsm.webhooks.events.v1',
    ]);
    const yaml = await fetch(`${gateway.url}/api/asyncapi.yaml`);
    expect(yaml.status).toBe(200);
    expect(await yaml.text()).toMatch(/^asyncapi: 3\.0\.0$/m);
    expect(upstream.received).toEqual([]);
  });

  it('answers the console’s sign-in settings itself, without credentials: no identity provider unless configured', async () => {
    const answer = await call(`${gateway.url}/api/v1/console/config`);
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { oidc: null } });
    const withOidc = await startGateway(upstream.url, { ITSM_JWKS_URL: 'https://idp.example.com/jwks', ITSM_OIDC_ISSUER: 'https://idp.example.com', ITSM_OIDC_CLIENT_ID: 'itsm-console' });
    try {
      const configured = await call(`${withOidc.url}/api/v1/console/config`);
      expect(configured.body).toEqual({ oidc: { issuer: 'https://idp.example.com', clientId: 'itsm-console', scopes: ['openid', 'profile'] } });
    } finally {
      await withOidc.app.close();
    }
    expect(upstream.received).toEqual([]);
  });

  it('refuses a caller without credentials with 401 at the edge; the service never hears of it', async () => {
    const answer = await call(`${gateway.url}/api/v1/services`, { method: 'POST', body: JSON.stringify({ name: 'Payroll' }) });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(upstream.received).toEqual([]);
  });

  it.each(['/api/v1/services/../../admin', '/api/v1/services/%2e%2e/%2E%2e/health/ready', '/api/v1/calendars/..'])(
    'answers 404 for %s, a path that leaves the forwarded routes, without forwarding it',
    async (path) => {
      const answer = await rawGet(gateway.url, path, { authorization: bearer });
      expect(answer.status).toBe(404);
      expect(answer.contentType).toMatch(PROBLEM_JSON);
      expect(upstream.received).toEqual([]);
    },
  );

  it('forwards the caller’s headers and the body, and returns the service’s resource headers', async () => {
    upstream.answerWith((_request, response) =>
      response
        .writeHead(201, {
          'content-type': 'application/json',
          etag: '"0"',
          location: '/api/v1/services/svc-1',
          'x-log-position': '42',
          'retry-after': '7',
          'x-powered-by': 'Express',
          'set-cookie': 'internal=1',
        })
        .end(JSON.stringify({ id: 'svc-1' })),
    );
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const answer = await call(`${gateway.url}/api/v1/services?kind=business`, {
      method: 'POST',
      headers: { authorization: bearer, 'if-match': '"3"', 'idempotency-key': 'create-payroll-1', traceparent, cookie: 'session=secret' },
      body: JSON.stringify({ name: 'Payroll' }),
    });

    expect(upstream.received).toHaveLength(1);
    const [received] = upstream.received;
    expect(received).toMatchObject({ method: 'POST', url: '/api/v1/services?kind=business' });
    expect(JSON.parse(received.body)).toEqual({ name: 'Payroll' });
    expect(received.headers).toMatchObject({
      authorization: bearer,
      'if-match': '"3"',
      'idempotency-key': 'create-payroll-1',
      traceparent,
      'content-type': 'application/json',
    });
    expect(received.headers['cookie']).toBeUndefined();
    const correlationId = received.headers['x-correlation-id'];
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);

    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: 'svc-1' });
    expect(answer.headers.get('etag')).toBe('"0"');
    expect(answer.headers.get('location')).toBe('/api/v1/services/svc-1');
    expect(answer.headers.get('x-log-position')).toBe('42');
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.headers.get('x-correlation-id')).toBe(correlationId);
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(answer.headers.get('x-powered-by')).toBeNull();
  });

  it('passes the caller’s own X-Correlation-Id on to the service and back', async () => {
    const answer = await call(`${gateway.url}/api/v1/calendars`, { headers: { authorization: bearer, 'x-correlation-id': 'caller-id-1' } });
    expect(answer.status).toBe(200);
    expect(upstream.received.map((request) => request.headers['x-correlation-id'])).toEqual(['caller-id-1']);
    expect(answer.headers.get('x-correlation-id')).toBe('caller-id-1');
  });

  it('hands a repeated Idempotency-Key to the service each time (the edge keeps no keys of its own)', async () => {
    const send = () =>
      call(`${gateway.url}/api/v1/services`, {
        method: 'POST',
        headers: { authorization: bearer, 'idempotency-key': 'same-key' },
        body: JSON.stringify({ name: 'Payroll' }),
      });
    await send();
    await send();
    expect(upstream.received.map((request) => request.headers['idempotency-key'])).toEqual(['same-key', 'same-key']);
  });
});

describe('gateway edge with the incidents service (in process, against stand-ins)', () => {
  let catalog: StandInUpstream;
  let incidents: StandInUpstream;
  let withIncidents: { app: INestApplication; url: string };
  let catalogOnly: { app: INestApplication; url: string };
  let bearer: string;

  const answerJson = (status: number, body: unknown) => (_request: unknown, response: import('node:http').ServerResponse) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const incidentsDocument = {
    openapi: '3.0.0',
    info: { title: 'ITSM incidents', version: '1' },
    paths: { '/api/v1/incidents': { get: { responses: { 200: { description: 'page' } } } }, '/health/ready': { get: {} } },
  };

  beforeAll(async () => {
    [catalog, incidents] = await Promise.all([startStandInUpstream(), startStandInUpstream()]);
    withIncidents = await startGateway(catalog.url, { INCIDENTS_SERVICE_URL: incidents.url });
    catalogOnly = await startGateway(catalog.url);
    bearer = `Bearer ${await signAccessToken({ sub: 'bob', name: 'Bob', roles: ['agent'] }, { secret: new TextEncoder().encode(SECRET) })}`;
  });
  beforeEach(() => {
    for (const stand of [catalog, incidents]) {
      stand.received.length = 0;
      stand.answerWith(answerJson(200, { status: 'ok' }));
    }
  });
  afterAll(async () => {
    await withIncidents?.app.close();
    await catalogOnly?.app.close();
    await Promise.all([catalog?.close(), incidents?.close()]);
  });

  it('forwards /api/v1/incidents… to INCIDENTS_SERVICE_URL, not to the catalog', async () => {
    incidents.answerWith(answerJson(200, { items: [], nextCursor: null }));
    const answer = await fetch(`${withIncidents.url}/api/v1/incidents?state=new&limit=5`, { headers: { authorization: bearer } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ items: [], nextCursor: null });
    expect(incidents.received.map((request) => [request.method, request.url, request.headers['authorization']])).toEqual([
      ['GET', '/api/v1/incidents?state=new&limit=5', bearer],
    ]);
    expect(catalog.received).toEqual([]);
  });

  it('answers 404 problem+json for /api/v1/incidents when INCIDENTS_SERVICE_URL is unset, forwarding nothing', async () => {
    const answer = await rawGet(catalogOnly.url, '/api/v1/incidents/abc', { authorization: bearer });
    expect(answer.status).toBe(404);
    expect(answer.contentType).toMatch(PROBLEM_JSON);
    expect([...catalog.received, ...incidents.received]).toEqual([]);
  });

  it('is ready only when the incidents service is ready too, and ignores it when unconfigured', async () => {
    incidents.answerWith((request, response) =>
      request.url === '/health/ready' ? answerJson(503, { status: 'error' })(request, response) : answerJson(200, {})(request, response),
    );
    const notReady = await fetch(`${withIncidents.url}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get('content-type')).toMatch(PROBLEM_JSON);

    const ready = await fetch(`${catalogOnly.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { 'service-catalog': { status: 'up' } } });
    expect(incidents.received.map((request) => request.url)).toEqual(['/health/ready']);
  });

  it('merges the incidents service’s OpenAPI paths into its own document', async () => {
    incidents.answerWith(answerJson(200, incidentsDocument));
    catalog.answerWith(answerJson(200, { openapi: '3.0.0', info: { title: 'catalog', version: '1' }, paths: {} }));
    const document = (await (await fetch(`${withIncidents.url}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(document.paths['/api/v1/incidents']).toEqual(incidentsDocument.paths['/api/v1/incidents']);
    expect(document.paths['/health/ready']).not.toEqual(incidentsDocument.paths['/health/ready']);
    expect(incidents.received.map((request) => request.url)).toEqual(['/api/docs-json']);
  });
});
