import { forwardedPathOf, type UpstreamRoute } from './upstream-routes';

export interface UpstreamTarget {
  route: UpstreamRoute;
  url: URL;
}

/**
 * Where a request goes: its path normalised first (dot segments, also percent-encoded, resolved as a URL parser
 * would), so that `/api/v1/services/../../admin` cannot reach a route the edge does not forward. The service's base
 * URL may carry a path prefix. Undefined when no route serves the normalised path, or its service is not configured.
 */
export const upstreamTargetOf = (
  originalUrl: string,
  baseUrlOf: (route: UpstreamRoute) => string | undefined,
  routes?: readonly UpstreamRoute[],
): UpstreamTarget | undefined => {
  // The edge's own origin only anchors the parse; a path starting with // cannot change the host this way.
  const incoming = new URL(`/${originalUrl.replace(/^\/+/, '')}`, 'http://edge.invalid');
  const forwarded = forwardedPathOf(incoming.pathname, routes);
  const route = forwarded?.route;
  const baseUrl = route && baseUrlOf(route);
  if (!forwarded || !route || !baseUrl) return undefined;
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${forwarded.path}`;
  url.search = incoming.search;
  return { route, url };
};
