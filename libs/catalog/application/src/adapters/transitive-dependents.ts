/**
 * Every node that reaches `serviceId` through `dependsOn` edges (breadth first): the services an outage of
 * `serviceId` impacts. `dependentsBy(id)` gives the direct dependents of a service.
 */
export const transitiveDependents = (serviceId: string, dependentsBy: (id: string) => Iterable<string>): Set<string> => {
  const found = new Set<string>();
  const queue = [serviceId];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const dependent of dependentsBy(next)) {
      if (found.has(dependent)) continue;
      found.add(dependent);
      queue.push(dependent);
    }
  }
  return found;
};
