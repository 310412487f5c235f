import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';

/** Takes a service from the pipeline into live use (it needs a default offering). */
@Injectable()
export class TakeServiceLiveHandler {
  constructor(private readonly streams: ServiceStreams) {}

  execute(serviceId: string, metadata: EventMetadata, options?: CommandOptions): Promise<ServiceCommandResult> {
    return this.streams.execute(serviceId, { type: 'TakeServiceLive', data: {} }, metadata, options);
  }
}
