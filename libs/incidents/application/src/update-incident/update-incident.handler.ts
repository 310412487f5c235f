import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { IncidentPolicy } from '@itsm/incidents-domain';
import type { Impact, Urgency } from '@itsm/contracts';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';
import { INCIDENT_POLICY } from '../nest/incidents-application.tokens';

/** Changes impact and/or urgency; the priority follows from the policy's matrix. */
@Injectable()
export class UpdateIncidentHandler {
  constructor(
    private readonly streams: IncidentStreams,
    @Inject(INCIDENT_POLICY) private readonly policy: IncidentPolicy,
  ) {}

  execute(id: string, input: { impact?: Impact; urgency?: Urgency }, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    const data = { impact: input.impact, urgency: input.urgency, priorityMatrix: this.policy.priorityMatrix };
    return this.streams.execute(id, { type: 'ChangeIncidentPriority', data }, metadata, options);
  }
}
