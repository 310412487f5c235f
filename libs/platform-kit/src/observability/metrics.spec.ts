import { EventMetrics } from './event-metrics';
import { call, startGatewayTestApp, type GatewayTestApp } from '../http/testing/gateway-test-app';

describe('/metrics', () => {
  let gateway: GatewayTestApp;

  beforeAll(async () => {
    gateway = await startGatewayTestApp();
  });
  afterAll(() => gateway.close());

  it('counts requests by method, route template and status, with durations', async () => {
    const auth = { authorization: `Bearer ${await gateway.token(['agent'])}` };
    await call(`${gateway.baseUrl}/api/v1/probes/abc`, { headers: auth });
    await call(`${gateway.baseUrl}/api/v1/probes/def`, { headers: auth });
    await call(`${gateway.baseUrl}/api/v1/probes/whoami`);
    const metrics = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
    expect(metrics).toContain('http_requests_total{method="GET",route="/api/v1/probes/:id",status="200"} 2');
    expect(metrics).toContain('http_requests_total{method="GET",route="/api/v1/probes/whoami",status="401"} 1');
    expect(metrics).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/probes\/:id",status="200"\} 2/);
    expect(metrics).toContain('process_cpu_user_seconds_total');
  });

  it('exposes the event-handling figures other modules record', async () => {
    gateway.app.get(EventMetrics).observe('stream_heads', 'handled', 0.003, 5);
    const metrics = await (await call(`${gateway.baseUrl}/metrics`)).body;
    expect(metrics).toContain('itsm_events_handled_total{handler="stream_heads",outcome="handled"} 5');
    expect(metrics).toContain('itsm_event_handling_duration_seconds_count{handler="stream_heads",outcome="handled"} 1');
  });
});
