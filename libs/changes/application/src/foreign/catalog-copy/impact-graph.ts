import type { ServiceRelation } from '../../ports/change-catalog.port';

/** A dependency edge: `serviceId` depends on `dependsOnServiceId`. */
export interface DependencyEdge {
  serviceId: string;
  dependsOnServiceId: string;
}

const adjacency = (edges: readonly DependencyEdge[], from: (edge: DependencyEdge) => string, to: (edge: DependencyEdge) => string) => {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(from(edge), [...(next.get(from(edge)) ?? []), to(edge)]);
  return next;
};

/** Breadth first from `root`: every service reached, with the fewest hops (a cycle, which the catalog refuses, ends). */
const reach = (root: string, next: ReadonlyMap<string, readonly string[]>): Map<string, number> => {
  const hops = new Map<string, number>([[root, 0]]);
  let frontier = [root];
  for (let depth = 1; frontier.length > 0; depth += 1) {
    const reached: string[] = [];
    for (const service of frontier) {
      for (const neighbour of next.get(service) ?? []) {
        if (hops.has(neighbour)) continue;
        hops.set(neighbour, depth);
        reached.push(neighbour);
      }
    }
    frontier = reached;
  }
  hops.delete(root);
  return hops;
};

/**
 * The transitive impact graph of `roots` over `edges`: for each root, the services it depends on (`dependency`) and
 * those that depend on it (`dependent`), each once with its fewest hops, in breadth-first order.
 */
export const serviceRelationsOf = (roots: readonly string[], edges: readonly DependencyEdge[]): ServiceRelation[] => {
  const dependencies = adjacency(edges, (edge) => edge.serviceId, (edge) => edge.dependsOnServiceId);
  const dependents = adjacency(edges, (edge) => edge.dependsOnServiceId, (edge) => edge.serviceId);
  return [...new Set(roots)].flatMap((of) => [
    ...[...reach(of, dependencies)].map(([serviceId, hops]): ServiceRelation => ({ serviceId, of, relation: 'dependency', hops })),
    ...[...reach(of, dependents)].map(([serviceId, hops]): ServiceRelation => ({ serviceId, of, relation: 'dependent', hops })),
  ]);
};
