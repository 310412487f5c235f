import { contextOfRecordReference, type EventContext } from '@itsm/contracts';
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
  /**
   * The context whose event log this service holds: its audit routes are `/api/v1/audit/<context>/…` at the edge
   * (forwarded as the service's `/api/v1/audit/…`), and `/api/v1/audit/records/<number or stream id>` of its records.
   */
  auditContext?: EventContext;
}

/** A route whose service is configured, with its base URL. */
export interface ConfiguredUpstream {
  route: UpstreamRoute;
  baseUrl: string;
}

export const API_PREFIX = '/api/v1';

/** Every route the edge forwards; the next context adds its line (DESIGN §7). */
export const UPSTREAM_ROUTES: readonly UpstreamRoute[] = [
  { service: 'service-catalog', urlSetting: 'CATALOG_SERVICE_URL', resources: ['services', 'calendars'], auditContext: 'catalog' },
  // `events` (server-sent events): the incidents process reads the event log and knows whose incidents they are.
  { service: 'incidents', urlSetting: 'INCIDENTS_SERVICE_URL', resources: ['incidents', 'events'], auditContext: 'incidents' },
  { service: 'changes', urlSetting: 'CHANGES_SERVICE_URL', resources: ['changes', 'freeze-windows'], nestedPaths: ['services/*/dora'], auditContext: 'changes' },
  { service: 'finance', urlSetting: 'FINANCE_SERVICE_URL', resources: ['finance'], auditContext: 'finance' },
  { service: 'webhooks', urlSetting: 'WEBHOOKS_SERVICE_URL', resources: ['webhooks'] },
];

/** The first segment under /api/v1 of the audit routes: each context's log has its own (DESIGN §1, distributed shape). */
export const AUDIT_RESOURCE = 'audit';
/** Below /api/v1/audit: a record's timeline, routed by the context its number or stream id names. */
export const AUDIT_RECORDS = 'records';
/**
 * Below /api/v1/audit/<context>: `subjects/<id>/erase`, a data subject's erasure in that context's log, which the
 * service serves as an admin route (`/api/v1/admin/subjects/<id>/erase`, libs/audit/api erase-subject).
 */
export const AUDIT_SUBJECTS = 'subjects';
export const SERVICE_SUBJECTS_PATH = `${API_PREFIX}/admin/${AUDIT_SUBJECTS}`;

/** Nest route paths (relative to /api/v1) for every resource: the collection and anything below it. */
export const proxiedRoutePaths = (routes: readonly UpstreamRoute[] = UPSTREAM_ROUTES): string[] => [
  ...routes.flatMap((route) => route.resources.flatMap((resource) => [resource, `${resource}/*rest`])),
  ...(routes.some((route) => route.auditContext) ? [`${AUDIT_RESOURCE}/*rest`] : []),
];

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

/** A request path's route and the path the service is asked for. */
export interface ForwardedPath {
  route: UpstreamRoute;
  path: string;
}

const safeDecode = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

/**
 * The audit routes of one context's log: `/api/v1/audit/<context>/<rest>` goes to that context's service as
 * `/api/v1/audit/<rest>`, and `/api/v1/audit/<context>/subjects/<id>/erase` as its admin route
 * `/api/v1/admin/subjects/<id>/erase`; `/api/v1/audit/records/<reference>…` goes as it is to the context the
 * reference names (`INC…` incidents, `CHG…` changes, `SVC…`/`CAL…` the catalog, a stream id by its type).
 */
const auditPathOf = (segments: readonly string[], routes: readonly UpstreamRoute[]): ForwardedPath | undefined => {
  const [resource, first, ...rest] = segments;
  if (resource !== AUDIT_RESOURCE || !first || rest.length === 0 || rest[0] === '') return undefined;
  if (first === AUDIT_RECORDS) {
    const reference = safeDecode(rest[0]);
    const context = reference === undefined ? undefined : contextOfRecordReference(reference);
    const route = context && routes.find((candidate) => candidate.auditContext === context);
    return route && { route, path: `${API_PREFIX}/${segments.join('/')}` };
  }
  const route = routes.find((candidate) => candidate.auditContext === first);
  if (route && rest[0] === AUDIT_SUBJECTS) {
    // Only the erasure: nothing else of the service's admin routes is reachable this way.
    const [, subject, action, ...beyond] = rest;
    return subject && action === 'erase' && beyond.length === 0 ? { route, path: `${SERVICE_SUBJECTS_PATH}/${subject}/erase` } : undefined;
  }
  return route && { route, path: `${API_PREFIX}/${AUDIT_RESOURCE}/${rest.join('/')}` };
};

/** Where a request path (already normalised) goes: the audit routes, a nested path, then the resource. */
export const forwardedPathOf = (pathname: string, routes: readonly UpstreamRoute[] = UPSTREAM_ROUTES): ForwardedPath | undefined => {
  if (pathname.startsWith(`${API_PREFIX}/${AUDIT_RESOURCE}/`)) return auditPathOf(pathname.slice(API_PREFIX.length + 1).split('/'), routes);
  const route = routeOf(pathname, routes);
  return route && { route, path: pathname };
};

/** The route serving a request path (already normalised), or undefined: a nested path first, then the resource. */
export const routeOf = (pathname: string, routes: readonly UpstreamRoute[] = UPSTREAM_ROUTES): UpstreamRoute | undefined => {
  if (pathname.startsWith(`${API_PREFIX}/${AUDIT_RESOURCE}/`)) return forwardedPathOf(pathname, routes)?.route;
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
