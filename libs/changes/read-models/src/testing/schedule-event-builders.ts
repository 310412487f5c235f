import {
  formatChangeNumber,
  formatIncidentNumber,
  schemaVersionOf,
  type ChangeImplementer,
  type ChangeRaisedV1,
  type ChangeScheduledV1,
  type ChangeType,
  type MaintenanceWindow,
  type ServiceCriticality,
} from '@itsm/contracts';
import { newId, type NewEvent } from '@itsm/event-sourcing';

/*
 * Events as the contexts append them, for the schedule and conflict specs: the catalog's services, dependencies and
 * maintenance windows, the incidents' major incidents, changes and freeze windows (the deciders' rules are not needed).
 */

export const event = (type: string, data: object, actor = 'spec-user'): NewEvent => ({
  type,
  data,
  schemaVersion: schemaVersionOf(type),
  metadata: { actor: { id: actor, role: 'admin' }, correlationId: newId() },
});

export const serviceRegistered = (serviceId: string, sequence: number, name: string, criticality: ServiceCriticality = 'medium'): NewEvent =>
  event('ServiceRegistered', {
    serviceId,
    number: `SVC${String(sequence).padStart(7, '0')}`,
    name,
    kind: 'technical',
    description: 'spec',
    ownerGroup: 'owners',
    supportGroup: 'support',
    criticality,
    lifecycle: 'pipeline',
    registeredAt: '2026-01-01T00:00:00.000Z',
  });

export const dependencyAdded = (serviceId: string, dependsOnServiceId: string): NewEvent => event('ServiceDependencyAdded', { serviceId, dependsOnServiceId });
export const dependencyRemoved = (serviceId: string, dependsOnServiceId: string): NewEvent => event('ServiceDependencyRemoved', { serviceId, dependsOnServiceId });

export const maintenanceWindowsSet = (serviceId: string, timeZone: string, windows: MaintenanceWindow[]): NewEvent =>
  event('ServiceMaintenanceWindowsSet', { serviceId, timeZone, windows });

export const incidentOpened = (incidentId: string, sequence: number, serviceId: string): NewEvent =>
  event('IncidentOpened', {
    incidentId,
    number: formatIncidentNumber(sequence),
    callerId: 'caller-carol',
    shortDescription: 'Orders fail',
    description: 'spec',
    serviceId,
    offeringId: null,
    impact: 1,
    urgency: 1,
    priority: 'P1',
    state: 'new',
    openedAt: '2026-03-01T08:00:00.000Z',
  });

export const majorIncidentAccepted = (incidentId: string, at = '2026-03-01T08:10:00.000Z'): NewEvent[] => [
  event('MajorIncidentProposed', { incidentId, justification: 'many users', proposedBy: 'agent-alice', proposedAt: at }),
  event('MajorIncidentAccepted', { incidentId, acceptedBy: 'manager-mia', acceptedAt: at }),
];

export const incidentResolved = (incidentId: string, resolvedAt = '2026-03-01T12:00:00.000Z'): NewEvent =>
  event('IncidentResolved', {
    incidentId,
    code: 'solved-permanently',
    notes: 'fixed',
    previousState: 'in-progress',
    state: 'resolved',
    childIncidentIds: [],
    resolvedWithParentIncidentId: null,
    resolvedAt,
  });

export const incidentReopened = (incidentId: string): NewEvent =>
  event('IncidentReopened', { incidentId, reason: 'back again', reopenCount: 1, state: 'in-progress', reopenedAt: '2026-03-01T13:00:00.000Z' });

export const incidentLinkedToChange = (incidentId: string, changeId: string, relation: string, linkedAt = '2026-03-02T09:00:00.000Z'): NewEvent =>
  event('IncidentLinkedToChange', { incidentId, changeId, changeNumber: 'CHG0000001', relation, linkedAt });

export interface ChangeInput {
  changeId?: string;
  sequence: number;
  type?: ChangeType;
  serviceIds: string[];
  plannedStart: string;
  plannedEnd: string;
  implementer?: ChangeImplementer;
  shortDescription?: string;
}

export const changeRaised = (input: ChangeInput): ChangeRaisedV1 => ({
  changeId: input.changeId ?? newId(),
  number: formatChangeNumber(input.sequence),
  type: input.type ?? 'normal',
  requesterId: 'requester-rita',
  templateId: null,
  state: 'new',
  raisedAt: '2026-03-01T09:00:00.000Z',
  shortDescription: input.shortDescription ?? `Change ${input.sequence}`,
  description: 'spec',
  justification: 'spec',
  serviceIds: input.serviceIds,
  implementationPlan: 'plan',
  backoutPlan: 'backout',
  testPlan: 'test',
  plannedStart: input.plannedStart,
  plannedEnd: input.plannedEnd,
  implementer: input.implementer ?? { group: 'ops', agent: null },
});

/** The events of a change raised and, unless it stays a candidate, taken onto the schedule (authorized). */
export const changeEvents = (raised: ChangeRaisedV1, { scheduled = true }: { scheduled?: boolean } = {}): NewEvent[] => {
  const events = [event('ChangeRaised', raised)];
  if (!scheduled) return events;
  const { changeId, number, type, plannedStart, plannedEnd, serviceIds, implementer } = raised;
  const at = '2026-03-02T10:00:00.000Z';
  events.push(
    event('ChangeSubmitted', { changeId, type, templateId: null, previousState: 'new', state: 'assess', submittedAt: at }),
    event('ChangeAuthorized', { changeId, round: 1, stages: ['cab'], previousState: 'authorize', state: 'scheduled', authorizedAt: at }),
    event('ChangeScheduled', {
      changeId, number, type, plannedStart, plannedEnd, serviceIds, implementer, because: 'authorized', state: 'scheduled', scheduledAt: at,
    } satisfies ChangeScheduledV1),
  );
  return events;
};

export const changeCompleted = (changeId: string): NewEvent =>
  event('ChangeCompleted', { changeId, outcome: 'successful', notes: 'done', reviewRequired: false, previousState: 'implement', state: 'review', completedAt: '2026-03-03T10:00:00.000Z' });

export const changeStarted = (raised: ChangeRaisedV1): NewEvent =>
  event('ChangeImplementationStarted', {
    changeId: raised.changeId, plannedStart: raised.plannedStart, plannedEnd: raised.plannedEnd, implementer: raised.implementer,
    previousState: 'scheduled', state: 'implement', startedAt: raised.plannedStart,
  });

export const freezeDeclared = (freezeWindowId: string, name: string, from: string, to: string, serviceIds: string[] | null = null): NewEvent =>
  event('FreezeWindowDeclared', { freezeWindowId, name, reason: 'spec', from, to, serviceIds, declaredAt: '2026-03-01T00:00:00.000Z' });

export const freezeLifted = (freezeWindowId: string): NewEvent =>
  event('FreezeWindowLifted', { freezeWindowId, reason: 'no longer needed', wasInForce: false, liftedAt: '2026-03-01T01:00:00.000Z' });

export const newIds = (count: number): string[] => Array.from({ length: count }, () => newId());
