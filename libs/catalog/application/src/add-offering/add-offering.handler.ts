import { Injectable } from '@nestjs/common';
import { newId, type EventMetadata } from '@itsm/event-sourcing';
import { CalendarStreams } from '../calendar-stream/calendar-streams';
import type { CommandOptions } from '../command-options';
import type { AddOfferingInput } from '../service-stream/service-inputs';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';

/** Adds an offering (a tier with SLA targets on a support calendar) to a service. */
@Injectable()
export class AddOfferingHandler {
  constructor(
    private readonly streams: ServiceStreams,
    private readonly calendars: CalendarStreams,
  ) {}

  async execute(serviceId: string, input: AddOfferingInput, metadata: EventMetadata, options?: CommandOptions): Promise<ServiceCommandResult & { offeringId: string }> {
    const offeringId = newId();
    const { name, calendarId, slaTargets } = input;
    const calendarExists = await this.calendars.exists(calendarId);
    const data = { offeringId, name, calendarId, default: input.default, slaTargets, calendarExists };
    const result = await this.streams.execute(serviceId, { type: 'AddServiceOffering', data }, metadata, options);
    return { ...result, offeringId };
  }
}
