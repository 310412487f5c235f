import { callerResponseHeaders, upstreamRequestHeaders } from './forwarded-headers';

describe('forwarded headers', () => {
  it('hands the service the caller’s credentials, preconditions, tracing and the edge’s correlation id, nothing else', () => {
    const headers = upstreamRequestHeaders(
      {
        authorization: 'Bearer t',
        'if-match': '"3"',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        'content-type': 'application/json',
        'x-wait-for-position': '42',
        'idempotency-key': 'key-1',
        'x-correlation-id': 'from-the-caller',
        cookie: 'session=1',
        host: 'edge',
        'x-forwarded-for': '10.0.0.1',
      },
      { correlationId: 'edge-id', clientIp: '10.0.0.2' },
    );
    expect(Object.fromEntries(headers)).toEqual({
      authorization: 'Bearer t',
      'if-match': '"3"',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'content-type': 'application/json',
      'x-wait-for-position': '42',
      'idempotency-key': 'key-1',
      'x-correlation-id': 'edge-id',
      'x-forwarded-for': '10.0.0.1, 10.0.0.2',
    });
  });

  it('returns the answer’s resource headers to the caller and drops the service’s internals', () => {
    const answer = new Headers({
      etag: '"2"',
      location: '/api/v1/services/1',
      'x-log-position': '17',
      'retry-after': '30',
      'content-type': 'application/problem+json',
      'x-powered-by': 'Express',
      'set-cookie': 'a=b',
      'x-ratelimit-remaining': '5',
    });
    expect(Object.fromEntries(callerResponseHeaders(answer))).toEqual({
      etag: '"2"',
      location: '/api/v1/services/1',
      'x-log-position': '17',
      'retry-after': '30',
      'content-type': 'application/problem+json',
    });
  });
});
