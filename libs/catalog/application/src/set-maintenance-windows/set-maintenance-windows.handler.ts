import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { maintenanceWindowsOf, type SetMaintenanceWindowsInput } from '../service-stream/service-inputs';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';

/** Replaces the weekly windows in which changes to the service may be implemented (none = an empty set). */
@Injectable()
export class SetMaintenanceWindowsHandler {
  constructor(private readonly streams: ServiceStreams) {}

  execute(serviceId: string, input: SetMaintenanceWindowsInput, metadata: EventMetadata, options?: CommandOptions): Promise<ServiceCommandResult> {
    return this.streams.execute(serviceId, { type: 'SetServiceMaintenanceWindows', data: maintenanceWindowsOf(input) }, metadata, options);
  }
}
