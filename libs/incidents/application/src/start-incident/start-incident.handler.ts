import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';

/** Work starts by the agent assigned, or by the one named (required while the incident is new). */
@Injectable()
export class StartIncidentHandler {
  constructor(private readonly streams: IncidentStreams) {}

  execute(id: string, input: { assignTo?: { group: string; agent: string } }, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    return this.streams.execute(id, { type: 'StartIncidentWork', data: input.assignTo ? { assignTo: input.assignTo } : {} }, metadata, options);
  }
}
