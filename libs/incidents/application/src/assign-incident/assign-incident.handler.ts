import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';

/** Assigns to a group, and optionally to an agent of it. */
@Injectable()
export class AssignIncidentHandler {
  constructor(private readonly streams: IncidentStreams) {}

  execute(id: string, input: { group: string; agent?: string | null }, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    return this.streams.execute(id, { type: 'AssignIncident', data: { group: input.group, agent: input.agent ?? null } }, metadata, options);
  }
}
