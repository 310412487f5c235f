import { routeOf, type UpstreamRoute } from './upstream-routes';

export interface UpstreamTarget {
  route: UpstreamRoute;
  url: URL;
}

/**
 * Where a request goes: its path normalised first (dot segments, also percent-encoded, resolved as a URL parser
 * would), so that `/api/v1/services/../../admin` cannot reach a route the edge does not forward. The service's base
 * URL may carry a path prefix. Undefined when no route serves the normalised path.
 */
export const upstreamTargetOf = (
  originalUrl: string,
  baseUrlOf: (route: UpstreamRoute) => string,
  routes?: readonly UpstreamRoute[],
): UpstreamTarget | undefined => {
  // The edge's own origin only anchors the parse; a path starting with // cannot change the host this way.
  const incoming = new URL(`/${originalUrl.replace(/^\/+/, '')}`, 'http://edge.invalid');
  const route = routeOf(incoming.pathname, routes);
  if (!route) return undefined;
  const url = new URL(baseUrlOf(route));
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${incoming.pathname}`;
  url.search = incoming.search;
  return { route, url };
};
