import type { OpenAPIObject } from '@nestjs/swagger';
import { routeOf, type UpstreamRoute } from '../proxy/upstream-routes';

/**
 * The edge's document (its own /health, /metrics) plus, from each service's document, the paths the edge forwards
 * and the components they refer to. A service's own operations routes (its /health, /admin) stay out: the edge
 * does not forward them. The edge's title, description and security schemes win.
 */
export const mergeOpenApiDocuments = (
  edge: OpenAPIObject,
  services: readonly OpenAPIObject[],
  routes?: readonly UpstreamRoute[],
): OpenAPIObject => {
  const merged: OpenAPIObject = structuredClone(edge);
  const components = (merged.components ??= {}) as Record<string, Record<string, unknown>>;
  const tags = new Map((merged.tags ?? []).map((tag) => [tag.name, tag]));
  for (const service of services) {
    for (const [path, item] of Object.entries(service.paths ?? {})) {
      if (routeOf(path.replace(/\{[^}]+\}/g, 'x'), routes)) merged.paths[path] = item;
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
