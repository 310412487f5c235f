import type {
  Impact,
  IncidentAssignedV1,
  IncidentOpenedV1,
  IncidentsEventType,
  IncidentStateName,
  Priority,
  Urgency,
} from '@itsm/contracts';
import { formatIncidentNumber } from '@itsm/contracts';
import { newId, type NewEvent } from '@itsm/event-sourcing';

/** Events as the incidents application appends them, for read-model specs (the decider's rules are not needed). */
export const incidentEvent = (type: IncidentsEventType, data: object, actor = 'agent-alice'): NewEvent => ({
  type,
  data,
  metadata: { actor: { id: actor, role: 'agent' }, correlationId: newId() },
});

export interface OpenIncidentInput {
  incidentId?: string;
  sequence: number;
  callerId?: string;
  shortDescription?: string;
  description?: string;
  serviceId?: string;
  impact?: Impact;
  urgency?: Urgency;
  priority?: Priority;
  openedAt: string;
}

export const opened = (input: OpenIncidentInput): IncidentOpenedV1 => ({
  incidentId: input.incidentId ?? newId(),
  number: formatIncidentNumber(input.sequence),
  callerId: input.callerId ?? 'caller-carol',
  shortDescription: input.shortDescription ?? 'Printer is jammed',
  description: input.description ?? 'spec',
  serviceId: input.serviceId ?? newId(),
  offeringId: null,
  impact: input.impact ?? 2,
  urgency: input.urgency ?? 2,
  priority: input.priority ?? 'P3',
  state: 'new',
  openedAt: input.openedAt,
});

export const assigned = (incidentId: string, group: string, agent: string | null, previous: { group: string | null; agent: string | null; state: IncidentStateName }, at: string): IncidentAssignedV1 => ({
  incidentId,
  group,
  agent,
  previousGroup: previous.group,
  previousAgent: previous.agent,
  state: previous.state === 'new' ? 'assigned' : previous.state,
  assignedAt: at,
});
