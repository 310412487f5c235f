import type { GatewaySettings } from '../config/gateway-config';

/** The settings that hold a service's base URL (`<CONTEXT>_SERVICE_URL`); an optional one left unset means the edge does not serve it. */
export type UpstreamUrlSetting = Extract<keyof GatewaySettings, `${string}_SERVICE_URL`>;

/** A service behind the edge and the first path segments under /api/v1 that belong to it. */
export interface UpstreamRoute {
  service: string;
  /** The setting that holds the service's base URL. */
  urlSetting: UpstreamUrlSetting;
  resources: readonly string[];
  /**
   * Paths below another service's resource that this service serves, a `*` segment standing for one segment (an id):
   * the changes' DORA figures of a catalog service are `services/<id>/dora`. They win over the resource they sit under.
   */
  nestedPaths?: readonly string[];
}

/** A route whose service is configured, with its base URL. */
export interface ConfiguredUpstream {
  route: UpstreamRoute;
  baseUrl: string;
}

export const API_PREFIX = '/api/v1';

/** Every route the edge forwards; the next context adds its line (DESIGN §7). */
export const UPSTREAM_ROUTES: readonly UpstreamRoute[] = [
  { service: 'service-catalog', urlSetting: 'CATALOG_SERVICE_URL', resources: ['services', 'calendars'] },
  // `events` (server-sent events): the incidents process reads the event log and knows whose incidents they are.
  { service: 'incidents', urlSetting: 'INCIDENTS_SERVICE_URL', resources: ['incidents', 'events'] },
  { service: 'changes', urlSetting: 'CHANGES_SERVICE_URL', resources: ['changes', 'freeze-windows'], nestedPaths: ['services/*/dora'] },
  { service: 'finance', urlSetting: 'FINANCE_SERVICE_URL', resources: ['finance'] },
  { service: 'webhooks', urlSetting: 'WEBHOOKS_SERVICE_URL', resources: ['webhooks'] },
];

/** Nest route paths (relative to /api/v1) for every resource: the collection and anything below it. */
export const proxiedRoutePaths = (routes: readonly UpstreamRoute[] = UPSTREAM_ROUTES): string[] =>
  routes.flatMap((route) => route.resources.flatMap((resource) => [resource, `${resource}/*rest`]));

/** The routes whose service has a base URL in the settings (readiness probes and OpenAPI merge only these). */
export const configuredUpstreams = (
  baseUrlOf: (route: UpstreamRoute) => string | undefined,
  routes: readonly UpstreamRoute[] = UPSTREAM_ROUTES,
): ConfiguredUpstream[] =>
  routes.flatMap((route) => {
    const baseUrl = baseUrlOf(route);
    return baseUrl ? [{ route, baseUrl }] : [];
  });

/** Whether a path under /api/v1 is `pattern` or below it (`*`: one non-empty segment). */
const underPattern = (segments: readonly string[], pattern: string): boolean => {
  const parts = pattern.split('/');
  return segments.length >= parts.length && parts.every((part, index) => (part === '*' ? segments[index] !== '' : segments[index] === part));
};

/** The route serving a request path (already normalised), or undefined: a nested path first, then the resource. */
export const routeOf = (pathname: string, routes: readonly UpstreamRoute[] = UPSTREAM_ROUTES): UpstreamRoute | undefined => {
  if (pathname.startsWith(`${API_PREFIX}/`)) {
    const segments = pathname.slice(API_PREFIX.length + 1).split('/');
    const nested = routes.find((route) => route.nestedPaths?.some((pattern) => underPattern(segments, pattern)));
    if (nested) return nested;
  }
  return routes.find((route) =>
    route.resources.some((resource) => {
      const base = `${API_PREFIX}/${resource}`;
      return pathname === base || pathname.startsWith(`${base}/`);
    }),
  );
};
