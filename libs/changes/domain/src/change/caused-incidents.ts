import { INCIDENT_NUMBER_PATTERN } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import { raised, requireName, requireTime } from './change.guards';
import type { RecordCausedIncident, RemoveCausedIncident } from './commands';
import type { ChangeEvent } from './events';
import type { Change } from './state';

/*
 * Incidents caused by a change count in every state, closed and canceled included: an incident is often linked to
 * its cause after the change was closed. Both commands are idempotent, as the process that sends them may repeat one.
 */

export const recordCausedIncident = ({ data, metadata }: RecordCausedIncident, state: Change): ChangeEvent[] => {
  const change = raised(state);
  const incidentId = requireName(data.incidentId, 'The incident id');
  if (change.causedIncidents.some((incident) => incident.incidentId === incidentId)) return [];
  if (!INCIDENT_NUMBER_PATTERN.test(data.incidentNumber)) {
    throw new RuleViolation(`"${data.incidentNumber}" is not an incident number (INC0000001)`);
  }
  return [
    {
      type: 'ChangeCausedIncidentRecorded',
      data: {
        changeId: change.changeId,
        incidentId,
        incidentNumber: data.incidentNumber,
        linkedAt: requireTime(data.linkedAt, 'The time of the link'),
        causedIncidentCount: change.causedIncidents.length + 1,
        recordedAt: metadata.now.toISOString(),
      },
    },
  ];
};

export const removeCausedIncident = ({ data, metadata }: RemoveCausedIncident, state: Change): ChangeEvent[] => {
  const change = raised(state);
  const incident = change.causedIncidents.find((caused) => caused.incidentId === data.incidentId);
  if (incident === undefined) return [];
  return [
    {
      type: 'ChangeCausedIncidentRemoved',
      data: {
        changeId: change.changeId,
        incidentId: incident.incidentId,
        incidentNumber: incident.incidentNumber,
        causedIncidentCount: change.causedIncidents.length - 1,
        removedAt: metadata.now.toISOString(),
      },
    },
  ];
};
