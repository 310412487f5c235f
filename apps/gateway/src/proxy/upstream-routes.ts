import type { GatewaySettings } from '../config/gateway-config';

/** A service behind the edge and the first path segments under /api/v1 that belong to it. */
export interface UpstreamRoute {
  service: string;
  /** The setting that holds the service's base URL. */
  urlSetting: keyof Pick<GatewaySettings, 'CATALOG_SERVICE_URL'>;
  resources: readonly string[];
}

export const API_PREFIX = '/api/v1';

/** Every route the edge forwards; the next context adds its line (DESIGN §7). */
export const UPSTREAM_ROUTES: readonly UpstreamRoute[] = [
  { service: 'service-catalog', urlSetting: 'CATALOG_SERVICE_URL', resources: ['services', 'calendars'] },
];

/** Nest route paths (relative to /api/v1) for every resource: the collection and anything below it. */
export const proxiedRoutePaths = (routes: readonly UpstreamRoute[] = UPSTREAM_ROUTES): string[] =>
  routes.flatMap((route) => route.resources.flatMap((resource) => [resource, `${resource}/*rest`]));

/** The route serving a request path (already normalised), or undefined. */
export const routeOf = (pathname: string, routes: readonly UpstreamRoute[] = UPSTREAM_ROUTES): UpstreamRoute | undefined =>
  routes.find((route) =>
    route.resources.some((resource) => {
      const base = `${API_PREFIX}/${resource}`;
      return pathname === base || pathname.startsWith(`${base}/`);
    }),
  );
