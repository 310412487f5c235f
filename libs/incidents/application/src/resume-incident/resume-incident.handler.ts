import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';

/** Work goes on after a hold. */
@Injectable()
export class ResumeIncidentHandler {
  constructor(private readonly streams: IncidentStreams) {}

  execute(id: string, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    return this.streams.execute(id, { type: 'ResumeIncident', data: {} }, metadata, options);
  }
}
