import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';

/** Closes a resolved incident. */
@Injectable()
export class CloseIncidentHandler {
  constructor(private readonly streams: IncidentStreams) {}

  execute(id: string, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    return this.streams.execute(id, { type: 'CloseIncident', data: {} }, metadata, options);
  }
}
