import type { UpstreamRoute } from './upstream-routes';
import { upstreamTargetOf } from './upstream-target';

const SERVICE_URLS: Record<string, string> = { 'service-catalog': 'http://catalog:3000', incidents: 'http://incidents:3000', changes: 'http://changes:3000' };
const baseUrlOf = (route: UpstreamRoute) => SERVICE_URLS[route.service];
/** A gateway configured without INCIDENTS_SERVICE_URL. */
const catalogOnly = (route: UpstreamRoute) => (route.service === 'service-catalog' ? SERVICE_URLS[route.service] : undefined);

describe('upstreamTargetOf', () => {
  it('forwards a catalog path with its query to the service', () => {
    const target = upstreamTargetOf('/api/v1/services/abc/offerings?limit=5&cursor=x%2By', baseUrlOf);
    expect(target?.route.service).toBe('service-catalog');
    expect(target?.url.toString()).toBe('http://catalog:3000/api/v1/services/abc/offerings?limit=5&cursor=x%2By');
  });

  it('forwards an incidents path with its query to the incidents service', () => {
    const target = upstreamTargetOf('/api/v1/incidents/abc/sla?asOf=2026-01-01T00%3A00%3A00Z', baseUrlOf);
    expect(target?.route.service).toBe('incidents');
    expect(target?.url.toString()).toBe('http://incidents:3000/api/v1/incidents/abc/sla?asOf=2026-01-01T00%3A00%3A00Z');
    expect(upstreamTargetOf('/api/v1/incidents', baseUrlOf)?.url.toString()).toBe('http://incidents:3000/api/v1/incidents');
  });

  it('forwards the event stream (server-sent events) to the incidents service, which reads the log', () => {
    expect(upstreamTargetOf('/api/v1/events?types=itsm.incidents.*', baseUrlOf)?.url.toString()).toBe('http://incidents:3000/api/v1/events?types=itsm.incidents.*');
    expect(upstreamTargetOf('/api/v1/events', catalogOnly)).toBeUndefined();
  });

  it('serves no incidents path when INCIDENTS_SERVICE_URL is unset (the edge answers 404), the catalog still', () => {
    expect(upstreamTargetOf('/api/v1/incidents', catalogOnly)).toBeUndefined();
    expect(upstreamTargetOf('/api/v1/incidents/abc', catalogOnly)).toBeUndefined();
    expect(upstreamTargetOf('/api/v1/services', catalogOnly)?.url.host).toBe('catalog:3000');
  });

  it('forwards a service’s DORA figures to the changes service, and the rest of the service to the catalog', () => {
    expect(upstreamTargetOf('/api/v1/services/abc/dora?from=2026-01-01T00%3A00%3A00Z&to=2026-02-01T00%3A00%3A00Z', baseUrlOf)?.url.toString()).toBe(
      'http://changes:3000/api/v1/services/abc/dora?from=2026-01-01T00%3A00%3A00Z&to=2026-02-01T00%3A00%3A00Z',
    );
    expect(upstreamTargetOf('/api/v1/services/abc/impact', baseUrlOf)?.route.service).toBe('service-catalog');
    expect(upstreamTargetOf('/api/v1/services/dora', baseUrlOf)?.route.service).toBe('service-catalog');
    expect(upstreamTargetOf('/api/v1/services//dora', baseUrlOf)?.route.service).toBe('service-catalog');
    expect(upstreamTargetOf('/api/v1/services/abc/doras', baseUrlOf)?.route.service).toBe('service-catalog');
    // Without CHANGES_SERVICE_URL the edge does not serve it (404), rather than asking the catalog.
    expect(upstreamTargetOf('/api/v1/services/abc/dora', catalogOnly)).toBeUndefined();
  });

  it('forwards /audit/<context>/… to that context\'s own audit routes, and a record\'s timeline by its number or stream id', () => {
    expect(upstreamTargetOf('/api/v1/audit/incidents/checkpoints?limit=2', baseUrlOf)?.url.toString()).toBe('http://incidents:3000/api/v1/audit/checkpoints?limit=2');
    expect(upstreamTargetOf('/api/v1/audit/catalog/proofs/inclusion?position=3', baseUrlOf)?.url.toString()).toBe('http://catalog:3000/api/v1/audit/proofs/inclusion?position=3');
    expect(upstreamTargetOf('/api/v1/audit/changes/verify', baseUrlOf)?.url.toString()).toBe('http://changes:3000/api/v1/audit/verify');
    expect(upstreamTargetOf('/api/v1/audit/records/INC0000042?asOf=2026-01-01T00%3A00%3A00Z', baseUrlOf)?.url.toString()).toBe(
      'http://incidents:3000/api/v1/audit/records/INC0000042?asOf=2026-01-01T00%3A00%3A00Z',
    );
    expect(upstreamTargetOf('/api/v1/audit/records/CHG0000007', baseUrlOf)?.route.service).toBe('changes');
    expect(upstreamTargetOf('/api/v1/audit/records/SVC0000001', baseUrlOf)?.route.service).toBe('service-catalog');
    expect(upstreamTargetOf('/api/v1/audit/records/CAL0000001', baseUrlOf)?.route.service).toBe('service-catalog');
    expect(upstreamTargetOf('/api/v1/audit/records/incident-0190f0c2-0000-7000-8000-000000000001', baseUrlOf)?.route.service).toBe('incidents');
  });

  it("forwards a data subject's erasure in one context's log to that service's admin route, and nothing else of its admin routes", () => {
    expect(upstreamTargetOf('/api/v1/audit/incidents/subjects/usr-42/erase', baseUrlOf)?.url.toString()).toBe('http://incidents:3000/api/v1/admin/subjects/usr-42/erase');
    expect(upstreamTargetOf('/api/v1/audit/changes/subjects/usr%2042/erase', baseUrlOf)?.url.toString()).toBe('http://changes:3000/api/v1/admin/subjects/usr%2042/erase');
    for (const path of ['/api/v1/audit/incidents/subjects/usr-42', '/api/v1/audit/incidents/subjects/usr-42/erase/again', '/api/v1/audit/incidents/subjects//erase', '/api/v1/audit/incidents/subjects/usr-42/keys']) {
      expect(upstreamTargetOf(path, baseUrlOf)).toBeUndefined();
    }
  });

  it.each([
    '/api/v1/audit/checkpoints',
    '/api/v1/audit/incidents',
    '/api/v1/audit/incidents/',
    '/api/v1/audit/ledger/checkpoints',
    '/api/v1/audit/records/XYZ0000001',
    '/api/v1/audit/records/0190f0c2-0000-7000-8000-000000000001',
    '/api/v1/audit/records/%E0%A4%A',
    '/api/v1/audit/finance/verify',
    '/api/v1/audit/incidents/../../admin/projections',
  ])('serves no audit route for %s (unknown or unconfigured context, a reference naming none)', (path) => {
    expect(upstreamTargetOf(path, baseUrlOf)).toBeUndefined();
  });

  it('keeps a path prefix of the service URL', () => {
    expect(upstreamTargetOf('/api/v1/calendars', () => 'http://gw-internal/catalog/')?.url.toString()).toBe('http://gw-internal/catalog/api/v1/calendars');
  });

  it.each(['/api/v1/services/../../../health/ready', '/api/v1/services/%2e%2e/%2E%2E/%2e%2e/admin/projections', '/api/v1/servicesx', '/api/v1/incidentsx', '/api/v1/incidents/%2e%2e/admin/projections'])(
    'refuses %s, which normalises outside every forwarded route',
    (path) => {
      expect(upstreamTargetOf(path, baseUrlOf)).toBeUndefined();
    },
  );

  it('cannot be sent to another host by a path starting with //', () => {
    expect(upstreamTargetOf('//evil.example/api/v1/services', baseUrlOf)).toBeUndefined();
    expect(upstreamTargetOf('//api/v1/services', baseUrlOf)?.url.host).toBe('catalog:3000');
  });

  it('resolves dot segments that stay inside a forwarded route', () => {
    expect(upstreamTargetOf('/api/v1/services/x/../calendars/..', baseUrlOf)?.url.pathname).toBe('/api/v1/services/');
  });
});
