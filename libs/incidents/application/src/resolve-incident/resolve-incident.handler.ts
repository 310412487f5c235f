import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { ResolutionCode } from '@itsm/contracts';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';

/** Resolves the incident; its open children follow through the incident-hierarchy process. */
@Injectable()
export class ResolveIncidentHandler {
  constructor(private readonly streams: IncidentStreams) {}

  execute(id: string, input: { code: ResolutionCode; notes: string }, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    return this.streams.execute(id, { type: 'ResolveIncident', data: { code: input.code, notes: input.notes } }, metadata, options);
  }
}
