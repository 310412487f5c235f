/**
 * The catalog's dependency graph as the dependency command needs it: who depends on a service, directly or
 * transitively (its impact set). Implemented from the catalog read model; `EventLogServiceDependencyGraph`
 * folds the log instead (tests, small embedded catalogs).
 */
export interface ServiceDependencyGraph {
  /** Every service that depends on `serviceId`, directly or through others; never contains `serviceId` itself unless a cycle exists. */
  dependentsOf(serviceId: string): Promise<Set<string>>;
}
