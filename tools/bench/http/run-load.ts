import autocannon = require('autocannon');

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** Called per request: a body (unique names) or a path (ids in turn). */
  next?: () => { path?: string; body?: string };
}

/** One autocannon run's figures. */
export interface LoadFigures {
  requestsPerSec: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  durationSec: number;
}

/** A closed-loop run: `connections` keep one request in flight each for `seconds`. */
export const runLoad = async (baseUrl: string, request: LoadRequest, connections: number, seconds: number): Promise<LoadFigures> => {
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [
      {
        method: request.method,
        path: request.path,
        headers: request.headers,
        setupRequest: (outgoing) => (request.next ? { ...outgoing, ...request.next() } : outgoing),
      },
    ],
  });
  return {
    requestsPerSec: Math.round(result.requests.total / result.duration),
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    durationSec: result.duration,
  };
};
