import { call, startGatewayTestApp, type GatewayTestApp } from '../testing/gateway-test-app';

describe('streamed bodies (text/csv) on routes that declare them', () => {
  let gateway: GatewayTestApp;
  let auth: Record<string, string>;
  let url: string;

  beforeAll(async () => {
    gateway = await startGatewayTestApp({ ITSM_BODY_LIMIT: '2kb' });
    auth = { authorization: `Bearer ${await gateway.token(['service-owner'])}` };
    url = `${gateway.baseUrl}/api/v1/probes`;
  });
  afterAll(() => gateway.close());

  const csv = (lines: number) => Array.from({ length: lines }, (_, index) => `line-${index},x`).join('\n');

  it('hands a CSV body to the route that declared it, unparsed and beyond the JSON size limit', async () => {
    const answer = await call(`${url}/csv`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, rawBody: csv(500) });
    expect([answer.status, answer.body.lines]).toEqual([200, 500]);
  });

  it('refuses a CSV body on a JSON route, and another type on the CSV route, with 415', async () => {
    const onJsonRoute = await call(url, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, rawBody: csv(2) });
    expect([onJsonRoute.status, onJsonRoute.body.detail]).toEqual([415, 'Send the request body as application/json']);
    const plain = await call(`${url}/csv`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, rawBody: csv(2) });
    expect(plain.status).toBe(415);
  });

  it('leaves Idempotency-Key to the route: it cannot hash a body it does not read', async () => {
    const send = (body: string) => call(`${url}/csv`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv', 'idempotency-key': 'csv-1' }, rawBody: body });
    const [first, second] = [await send(csv(1)), await send(csv(3))];
    expect([first.body.lines, second.body.lines, second.headers.get('idempotent-replayed')]).toEqual([1, 3, null]);
  });

  it('still checks roles first: no credentials is 401', async () => {
    expect((await call(`${url}/csv`, { method: 'POST', headers: { 'content-type': 'text/csv' }, rawBody: csv(1) })).status).toBe(401);
  });
});
