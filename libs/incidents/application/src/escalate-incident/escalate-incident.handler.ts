import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { IncidentPolicy } from '@itsm/incidents-domain';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';
import { INCIDENT_POLICY } from '../nest/incidents-application.tokens';

/** Functional escalation (to another group) or hierarchical (one management level up, to the policy's limit). */
@Injectable()
export class EscalateIncidentHandler {
  constructor(
    private readonly streams: IncidentStreams,
    @Inject(INCIDENT_POLICY) private readonly policy: IncidentPolicy,
  ) {}

  execute(id: string, input: { kind: 'functional'; toGroup: string; reason: string } | { kind: 'hierarchical'; reason: string }, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    const data =
      input.kind === 'functional'
        ? { kind: 'functional' as const, toGroup: input.toGroup, reason: input.reason }
        : { kind: 'hierarchical' as const, reason: input.reason, maxEscalationLevel: this.policy.maxEscalationLevel };
    return this.streams.execute(id, { type: 'EscalateIncident', data }, metadata, options);
  }
}
