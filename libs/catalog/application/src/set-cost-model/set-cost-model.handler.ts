import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import type { SetCostModelInput } from '../service-stream/service-inputs';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';

/** Sets what the service costs: a fixed monthly amount plus a rate per consumed unit. */
@Injectable()
export class SetCostModelHandler {
  constructor(private readonly streams: ServiceStreams) {}

  execute(serviceId: string, input: SetCostModelInput, metadata: EventMetadata, options?: CommandOptions): Promise<ServiceCommandResult> {
    const { fixedMonthlyCost, currency, unitRate, unitName } = input;
    return this.streams.execute(serviceId, { type: 'SetServiceCostModel', data: { fixedMonthlyCost, currency, unitRate, unitName } }, metadata, options);
  }
}
