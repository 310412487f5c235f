import { SERVICE_STREAM_PREFIX, type ServiceDependencyAddedV1 } from '@itsm/contracts';
import type { EventStore } from '@itsm/event-store';
import type { ServiceDependencyGraph } from '../ports/service-dependency-graph.port';
import { transitiveDependents } from './transitive-dependents';

const PAGE = 1000;

/**
 * The dependency graph folded from the log's dependency events on every query: always current, cost grows with
 * the number of dependency events. For tests and small catalogs; the read model serves the rest.
 */
export class EventLogServiceDependencyGraph implements ServiceDependencyGraph {
  constructor(private readonly store: EventStore) {}

  async dependentsOf(serviceId: string): Promise<Set<string>> {
    const dependents = await this.directDependents();
    return transitiveDependents(serviceId, (id) => dependents.get(id) ?? []);
  }

  /** dependsOnServiceId → the services that depend on it directly. */
  private async directDependents(): Promise<Map<string, Set<string>>> {
    const dependents = new Map<string, Set<string>>();
    const filter = { types: ['ServiceDependencyAdded', 'ServiceDependencyRemoved'], streamPrefixes: [SERVICE_STREAM_PREFIX] };
    let fromPosition = -1;
    for (;;) {
      const { events, lastPosition } = await this.store.readAll({ fromPosition, maxCount: PAGE, filter });
      for (const event of events) {
        const { serviceId, dependsOnServiceId } = event.data as ServiceDependencyAddedV1;
        const set = dependents.get(dependsOnServiceId) ?? new Set<string>();
        if (event.type === 'ServiceDependencyAdded') set.add(serviceId);
        else set.delete(serviceId);
        dependents.set(dependsOnServiceId, set);
      }
      // A page that is not full was read up to the log's head.
      if (events.length < PAGE || lastPosition === fromPosition) return dependents;
      fromPosition = lastPosition;
    }
  }
}
