import { upstreamTargetOf } from './upstream-target';

const baseUrlOf = () => 'http://catalog:3000';

describe('upstreamTargetOf', () => {
  it('forwards a catalog path with its query to the service', () => {
    const target = upstreamTargetOf('/api/v1/services/abc/offerings?limit=5&cursor=x%2By', baseUrlOf);
    expect(target?.route.service).toBe('service-catalog');
    expect(target?.url.toString()).toBe('http://catalog:3000/api/v1/services/abc/offerings?limit=5&cursor=x%2By');
  });

  it('keeps a path prefix of the service URL', () => {
    expect(upstreamTargetOf('/api/v1/calendars', () => 'http://gw-internal/catalog/')?.url.toString()).toBe('http://gw-internal/catalog/api/v1/calendars');
  });

  it.each(['/api/v1/services/../../../health/ready', '/api/v1/services/%2e%2e/%2E%2E/%2e%2e/admin/projections', '/api/v1/servicesx', '/api/v1/incidents'])(
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
