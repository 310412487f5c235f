import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import { CalendarStreams } from '../calendar-stream/calendar-streams';
import type { CommandOptions } from '../command-options';
import type { UpdateOfferingInput } from '../service-stream/service-inputs';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';

/** Changes an offering's name, calendar, targets or whether it is the service's default. */
@Injectable()
export class UpdateOfferingHandler {
  constructor(
    private readonly streams: ServiceStreams,
    private readonly calendars: CalendarStreams,
  ) {}

  async execute(serviceId: string, offeringId: string, input: UpdateOfferingInput, metadata: EventMetadata, options?: CommandOptions): Promise<ServiceCommandResult> {
    const { name, calendarId, slaTargets } = input;
    const calendarExists = calendarId === undefined ? undefined : await this.calendars.exists(calendarId);
    const changes = { name, calendarId, default: input.default, slaTargets };
    return this.streams.execute(serviceId, { type: 'UpdateServiceOffering', data: { offeringId, changes, calendarExists } }, metadata, options);
  }
}
