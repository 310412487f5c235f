import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';

/** Removes an offering that is not the service's default. */
@Injectable()
export class RemoveOfferingHandler {
  constructor(private readonly streams: ServiceStreams) {}

  execute(serviceId: string, offeringId: string, metadata: EventMetadata, options?: CommandOptions): Promise<ServiceCommandResult> {
    return this.streams.execute(serviceId, { type: 'RemoveServiceOffering', data: { offeringId } }, metadata, options);
  }
}
