import { SERVICE_STREAM_PREFIX } from '@itsm/contracts';
import type { EventStore } from '@itsm/event-store';
import { CATALOG_SERVICES_PROJECTION } from '../services/catalog-services.projection';
import type { ReadModelPositions } from '@itsm/projections';
import type { ImpactQueries } from './impact.queries';

const DEPENDENCY_EVENT_TYPES = ['ServiceDependencyAdded', 'ServiceDependencyRemoved'];

/**
 * The application's `ServiceDependencyGraph` port (cycle check) on the read model. A read model may lag the log,
 * and a cycle check on a stale graph could let a loop in: before the recursive query, it looks in the log for
 * dependency events past the projection's checkpoint and, if there are any, waits until they are projected.
 */
export class ReadModelServiceDependencyGraph {
  constructor(
    private readonly impact: ImpactQueries,
    private readonly positions: ReadModelPositions,
    private readonly log: Pick<EventStore, 'readAll'>,
  ) {}

  async dependentsOf(serviceId: string): Promise<Set<string>> {
    const checkpoint = await this.positions.positionOf(CATALOG_SERVICES_PROJECTION);
    const unseen = await this.lastUnseenDependencyChange(checkpoint);
    if (unseen !== null) await this.positions.waitForPosition(CATALOG_SERVICES_PROJECTION, unseen);
    return this.impact.dependentIdsOf(serviceId);
  }

  private async lastUnseenDependencyChange(checkpoint: number): Promise<number | null> {
    let last: number | null = null;
    let from = checkpoint;
    for (;;) {
      const { events, lastPosition } = await this.log.readAll({
        fromPosition: from,
        maxCount: 500,
        filter: { types: DEPENDENCY_EVENT_TYPES, streamPrefixes: [SERVICE_STREAM_PREFIX] },
      });
      if (events.length > 0) last = events[events.length - 1].globalPosition;
      if (events.length < 500 || lastPosition === from) return last;
      from = lastPosition;
    }
  }
}
