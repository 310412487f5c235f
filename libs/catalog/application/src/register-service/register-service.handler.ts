import { Inject, Injectable } from '@nestjs/common';
import { newId, type EventMetadata } from '@itsm/event-sourcing';
import { SERVICE_NUMBER_ALLOCATOR } from '../nest/catalog-application.tokens';
import type { ServiceNumberAllocator } from '../ports/service-number-allocator.port';
import { serviceDetailsOf, type RegisterServiceInput } from '../service-stream/service-inputs';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';

/** Registers a service in the pipeline lifecycle under the next SVC number (criticality `medium` unless given). */
@Injectable()
export class RegisterServiceHandler {
  constructor(
    private readonly streams: ServiceStreams,
    @Inject(SERVICE_NUMBER_ALLOCATOR) private readonly numbers: ServiceNumberAllocator,
  ) {}

  async execute(input: RegisterServiceInput, metadata: EventMetadata): Promise<ServiceCommandResult> {
    const serviceId = newId();
    const number = await this.numbers.next();
    const details = serviceDetailsOf(input) as RegisterServiceInput;
    return this.streams.create(serviceId, { type: 'RegisterService', data: { serviceId, number, ...details } }, metadata);
  }
}
