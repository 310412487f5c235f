import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import type { RetireServiceInput } from '../service-stream/service-inputs';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';

/** Retires a service: no new incidents, offerings or dependencies on it. */
@Injectable()
export class RetireServiceHandler {
  constructor(private readonly streams: ServiceStreams) {}

  execute(serviceId: string, input: RetireServiceInput, metadata: EventMetadata, options?: CommandOptions): Promise<ServiceCommandResult> {
    return this.streams.execute(serviceId, { type: 'RetireService', data: { reason: input.reason ?? null } }, metadata, options);
  }
}
