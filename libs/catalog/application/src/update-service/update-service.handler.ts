import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { serviceDetailsOf, type UpdateServiceInput } from '../service-stream/service-inputs';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';

/** Changes a service's name, kind, description, groups or criticality. */
@Injectable()
export class UpdateServiceHandler {
  constructor(private readonly streams: ServiceStreams) {}

  execute(serviceId: string, input: UpdateServiceInput, metadata: EventMetadata, options?: CommandOptions): Promise<ServiceCommandResult> {
    return this.streams.execute(serviceId, { type: 'UpdateService', data: { changes: serviceDetailsOf(input) } }, metadata, options);
  }
}
