import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';

/** Removes a dependency (no lock needed: removing an edge never closes a cycle). */
@Injectable()
export class RemoveDependencyHandler {
  constructor(private readonly streams: ServiceStreams) {}

  execute(serviceId: string, dependsOnServiceId: string, metadata: EventMetadata, options?: CommandOptions): Promise<ServiceCommandResult> {
    return this.streams.execute(serviceId, { type: 'RemoveServiceDependency', data: { dependsOnServiceId } }, metadata, options);
  }
}
