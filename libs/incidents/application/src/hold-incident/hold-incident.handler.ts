import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { HoldReason } from '@itsm/contracts';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';

/** Puts the incident on hold with a reason (the resolution timer pauses). */
@Injectable()
export class HoldIncidentHandler {
  constructor(private readonly streams: IncidentStreams) {}

  execute(id: string, input: { reason: HoldReason }, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    return this.streams.execute(id, { type: 'PutIncidentOnHold', data: { reason: input.reason } }, metadata, options);
  }
}
