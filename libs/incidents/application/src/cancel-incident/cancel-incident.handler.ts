import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';

/** Cancels the incident with a reason. */
@Injectable()
export class CancelIncidentHandler {
  constructor(private readonly streams: IncidentStreams) {}

  execute(id: string, input: { reason: string }, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    return this.streams.execute(id, { type: 'CancelIncident', data: { reason: input.reason } }, metadata, options);
  }
}
