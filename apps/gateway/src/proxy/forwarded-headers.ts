import type { IncomingHttpHeaders } from 'node:http';

/** Request headers a service needs from the caller (identity, preconditions, tracing, read-your-writes). */
export const FORWARDED_REQUEST_HEADERS = [
  'authorization',
  'x-api-key',
  'if-match',
  'if-none-match',
  'idempotency-key',
  'traceparent',
  'tracestate',
  'content-type',
  'accept',
  'accept-language',
  'x-wait-for-position',
] as const;

/** Response headers the caller needs from a service; X-Correlation-Id is the edge's own (the same id). */
export const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'etag',
  'location',
  'content-location',
  'x-log-position',
  'retry-after',
  'idempotent-replayed',
  'www-authenticate',
  'cache-control',
  'allow',
] as const;

export interface ForwardingFacts {
  correlationId: string;
  /** The caller's address as the edge saw it. */
  clientIp: string | undefined;
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(', ') : value);

/** The headers of the upstream request: the caller's that matter, the correlation id, and X-Forwarded-For. */
export const upstreamRequestHeaders = (incoming: IncomingHttpHeaders, facts: ForwardingFacts): Headers => {
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = single(incoming[name]);
    if (value !== undefined) headers.set(name, value);
  }
  headers.set('x-correlation-id', facts.correlationId);
  const forwardedFor = [single(incoming['x-forwarded-for']), facts.clientIp].filter((part) => part).join(', ');
  if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);
  return headers;
};

/** The headers of the service's answer that go back to the caller. */
export const callerResponseHeaders = (upstream: Headers): Array<[string, string]> =>
  FORWARDED_RESPONSE_HEADERS.flatMap((name) => {
    const value = upstream.get(name);
    return value === null ? [] : [[name, value] as [string, string]];
  });
