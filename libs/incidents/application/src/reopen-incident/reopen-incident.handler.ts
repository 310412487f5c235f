import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { IncidentPolicy } from '@itsm/incidents-domain';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';
import { INCIDENT_POLICY } from '../nest/incidents-application.tokens';

/** Reopens a resolved incident within the policy's reopen window. */
@Injectable()
export class ReopenIncidentHandler {
  constructor(
    private readonly streams: IncidentStreams,
    @Inject(INCIDENT_POLICY) private readonly policy: IncidentPolicy,
  ) {}

  execute(id: string, input: { reason: string }, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    const data = { reason: input.reason, reopenWindowDays: this.policy.reopenWindowDays };
    return this.streams.execute(id, { type: 'ReopenIncident', data }, metadata, options);
  }
}
