import { Inject, Injectable } from '@nestjs/common';
import type { ExclusiveSections } from '@itsm/event-store';
import type { EventMetadata } from '@itsm/event-sourcing';
import { EXCLUSIVE_SECTIONS } from '@itsm/platform-kit';
import type { CommandOptions } from '../command-options';
import { SERVICE_DEPENDENCY_GRAPH } from '../nest/catalog-application.tokens';
import type { ServiceDependencyGraph } from '../ports/service-dependency-graph.port';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';
import { serviceStreamOf } from '../stream-ids';

/** The one section every process on the database takes to change the dependency graph. */
export const DEPENDENCY_GRAPH_SECTION = 'catalog:service-dependency-graph';

/**
 * Makes a service depend on another. Refused when the other already depends on this one, directly or
 * transitively (a cycle). The check and the append run inside one exclusive section shared by every catalog
 * process on the database, so two processes adding the two halves of a cycle at once cannot both pass.
 */
@Injectable()
export class AddDependencyHandler {
  constructor(
    private readonly streams: ServiceStreams,
    @Inject(SERVICE_DEPENDENCY_GRAPH) private readonly graph: ServiceDependencyGraph,
    @Inject(EXCLUSIVE_SECTIONS) private readonly sections: ExclusiveSections,
  ) {}

  async execute(serviceId: string, dependsOnServiceId: string, metadata: EventMetadata, options?: CommandOptions): Promise<ServiceCommandResult> {
    // A malformed id is not found before any lock is taken.
    serviceStreamOf(serviceId);
    return this.sections.run(DEPENDENCY_GRAPH_SECTION, async () => {
      const [dependsOnLifecycle, dependentsOfService] = await Promise.all([
        this.streams.lifecycleOf(dependsOnServiceId),
        this.graph.dependentsOf(serviceId),
      ]);
      const data = { dependsOnServiceId, dependsOnLifecycle, dependentsOfService };
      return this.streams.execute(serviceId, { type: 'AddServiceDependency', data }, metadata, options);
    });
  }
}
