import { Inject, Injectable } from '@nestjs/common';
import type { Impact, Urgency } from '@itsm/contracts';
import { newId, type EventMetadata } from '@itsm/event-sourcing';
import type { IncidentPolicy } from '@itsm/incidents-domain';
import { IncidentStreams, type IncidentCommandResult } from '../incident-stream/incident-streams';
import { INCIDENT_CATALOG, INCIDENT_NUMBERS, INCIDENT_POLICY } from '../nest/incidents-application.tokens';
import type { IncidentCatalog } from '../ports/incident-catalog.port';
import type { IncidentNumberAllocator } from '../ports/incident-number-allocator.port';

export interface OpenIncidentInput {
  callerId: string;
  shortDescription: string;
  description: string;
  serviceId: string;
  offeringId?: string | null;
  impact: Impact;
  urgency: Urgency;
}

/** Stands in for the number during the trial decision: it matches the pattern and is never allocated. */
const PLACEHOLDER_NUMBER = 'INC0000000';

/**
 * Opens an incident: what the local catalog copy knows of the service (the decider refuses one that is not live),
 * the priority from the policy's matrix, then a new number; the SLA timers start in the same append.
 */
@Injectable()
export class OpenIncidentHandler {
  constructor(
    private readonly streams: IncidentStreams,
    @Inject(INCIDENT_NUMBERS) private readonly numbers: IncidentNumberAllocator,
    @Inject(INCIDENT_CATALOG) private readonly catalog: IncidentCatalog,
    @Inject(INCIDENT_POLICY) private readonly policy: IncidentPolicy,
  ) {}

  async execute(input: OpenIncidentInput, metadata: EventMetadata): Promise<IncidentCommandResult> {
    const incidentId = newId();
    const service = await this.catalog.serviceForIncident(input.serviceId);
    const { callerId, shortDescription, description, serviceId, impact, urgency } = input;
    const data = {
      incidentId, callerId, shortDescription, description, serviceId, impact, urgency, service,
      offeringId: input.offeringId ?? null,
      priorityMatrix: this.policy.priorityMatrix,
    };
    // Numbers come from a sequence that never gives one back: the decider's refusal comes before one is taken.
    this.streams.assertOpenAllowed({ type: 'OpenIncident', data: { ...data, number: PLACEHOLDER_NUMBER } }, metadata);
    const number = await this.numbers.next();
    return this.streams.execute(incidentId, { type: 'OpenIncident', data: { ...data, number } }, metadata, { expectedRevision: -1 });
  }
}
