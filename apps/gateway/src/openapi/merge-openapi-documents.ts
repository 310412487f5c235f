import type { OpenAPIObject } from '@nestjs/swagger';
import { API_PREFIX, AUDIT_RECORDS, AUDIT_RESOURCE, routeOf, SERVICE_SUBJECTS_PATH, UPSTREAM_ROUTES, type UpstreamRoute } from '../proxy/upstream-routes';

type PathItemObject = OpenAPIObject['paths'][string];

const AUDIT_PREFIX = `${API_PREFIX}/${AUDIT_RESOURCE}/`;
const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * A service's audit route as the edge serves it: `/api/v1/audit/{context}/…` with the contexts the edge routes
 * (a record's timeline, `/api/v1/audit/records/{reference}`, keeps its path: the edge routes it by the reference).
 */
const edgeAuditPath = (path: string, item: PathItemObject, routes: readonly UpstreamRoute[]): [string, PathItemObject] => {
  if (path.startsWith(`${AUDIT_PREFIX}${AUDIT_RECORDS}/`)) return [path, item];
  const contexts = routes.flatMap((route) => (route.auditContext ? [route.auditContext] : []));
  const parameter = { name: 'context', in: 'path' as const, required: true, description: 'Whose event log: each context keeps its own', schema: { type: 'string' as const, enum: contexts } };
  const edgeItem: PathItemObject = structuredClone(item);
  for (const method of OPERATIONS) {
    const operation = edgeItem[method];
    if (operation) operation.parameters = [parameter, ...(operation.parameters ?? [])];
  }
  return [`${AUDIT_PREFIX}{context}/${path.slice(AUDIT_PREFIX.length)}`, edgeItem];
};

/**
 * The edge's document (its own /health, /metrics) plus, from each service's document, the paths the edge forwards
 * (the audit routes under the edge's `/api/v1/audit/{context}/…`) and the components they refer to. A service's own
 * operations routes (its /health, /admin) stay out: the edge does not forward them. The edge's title, description
 * and security schemes win.
 */
export const mergeOpenApiDocuments = (edge: OpenAPIObject, services: readonly OpenAPIObject[], routes: readonly UpstreamRoute[] = UPSTREAM_ROUTES): OpenAPIObject => {
  const merged: OpenAPIObject = structuredClone(edge);
  const components = (merged.components ??= {}) as Record<string, Record<string, unknown>>;
  const tags = new Map((merged.tags ?? []).map((tag) => [tag.name, tag]));
  for (const service of services) {
    for (const [path, item] of Object.entries(service.paths ?? {})) {
      // A subject's erasure is a service's admin route, served at the edge beside its log's audit routes.
      const auditPath = path.startsWith(`${SERVICE_SUBJECTS_PATH}/`) ? `${AUDIT_PREFIX}${path.slice(`${API_PREFIX}/admin/`.length)}` : path;
      if (auditPath.startsWith(AUDIT_PREFIX)) {
        const [edgePath, edgeItem] = edgeAuditPath(auditPath, item, routes);
        merged.paths[edgePath] ??= edgeItem;
      } else if (routeOf(path.replace(/\{[^}]+\}/g, 'x'), routes)) merged.paths[path] = item;
    }
    for (const [kind, entries] of Object.entries((service.components ?? {}) as Record<string, Record<string, unknown>>)) {
      const target = (components[kind] ??= {});
      for (const [name, value] of Object.entries(entries)) target[name] ??= value;
    }
    for (const tag of service.tags ?? []) if (!tags.has(tag.name)) tags.set(tag.name, tag);
  }
  if (tags.size > 0) merged.tags = [...tags.values()];
  return merged;
};
