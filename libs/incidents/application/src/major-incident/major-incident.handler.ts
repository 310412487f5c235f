import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { IncidentStreams, type IncidentCommandResult, type IncidentIntent } from '../incident-stream/incident-streams';

export type MajorIncidentDecision =
  | { action: 'propose'; justification: string }
  | { action: 'accept' }
  | { action: 'reject'; reason: string };

const intentOf = (decision: MajorIncidentDecision): IncidentIntent => {
  switch (decision.action) {
    case 'propose':
      return { type: 'ProposeMajorIncident', data: { justification: decision.justification } };
    case 'accept':
      return { type: 'AcceptMajorIncident', data: {} };
    case 'reject':
      return { type: 'RejectMajorIncident', data: { reason: decision.reason } };
  }
};

/** Proposes the incident as a major incident, or accepts or rejects the proposal. */
@Injectable()
export class MajorIncidentHandler {
  constructor(private readonly streams: IncidentStreams) {}

  execute(id: string, decision: MajorIncidentDecision, metadata: EventMetadata, options?: CommandOptions): Promise<IncidentCommandResult> {
    return this.streams.execute(id, intentOf(decision), metadata, options);
  }
}
