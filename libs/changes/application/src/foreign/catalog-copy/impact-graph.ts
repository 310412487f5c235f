import type { ServiceRelation } from '../../ports/change-catalog.port';

/** A dependency edge: `serviceId` depends on `dependsOnServiceId`. */
export interface DependencyEdge {
  serviceId: string;
  dependsOnServiceId: string;
}

const adjacency = (edges: readonly DependencyEdge[], from: (edge: DependencyEdge) => string, to: (edge: DependencyEdge) => string) => {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const targets = next.get(from(edge));
    if (targets) targets.push(to(edge));
    else next.set(from(edge), [to(edge)]);
  }
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

/** At most this many services' relations are remembered by one graph (the memo is emptied beyond). */
const MEMO_LIMIT = 5_000;

/**
 * The dependency graph of the catalog, with the transitive relations of each service computed once and remembered
 * (a graph is immutable: a new version of the catalog's edges is a new graph).
 */
export class ImpactGraph {
  private readonly dependencies: Map<string, string[]>;
  private readonly dependents: Map<string, string[]>;
  private readonly memo = new Map<string, ServiceRelation[]>();

  constructor(edges: readonly DependencyEdge[]) {
    this.dependencies = adjacency(edges, (edge) => edge.serviceId, (edge) => edge.dependsOnServiceId);
    this.dependents = adjacency(edges, (edge) => edge.dependsOnServiceId, (edge) => edge.serviceId);
  }

  /** The services `of` depends on (`dependency`) and those that depend on it (`dependent`), each once with its fewest hops. */
  relationsOf(of: string): ServiceRelation[] {
    const known = this.memo.get(of);
    if (known) return known;
    const relations = [
      ...[...reach(of, this.dependencies)].map(([serviceId, hops]): ServiceRelation => ({ serviceId, of, relation: 'dependency', hops })),
      ...[...reach(of, this.dependents)].map(([serviceId, hops]): ServiceRelation => ({ serviceId, of, relation: 'dependent', hops })),
    ];
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(of, relations);
    return relations;
  }
}

/**
 * The transitive impact graph of `roots` over `edges`: for each root, the services it depends on (`dependency`) and
 * those that depend on it (`dependent`), each once with its fewest hops, in breadth-first order.
 */
export const serviceRelationsOf = (roots: readonly string[], edges: readonly DependencyEdge[]): ServiceRelation[] => {
  const graph = new ImpactGraph(edges);
  return [...new Set(roots)].flatMap((of) => graph.relationsOf(of));
};
