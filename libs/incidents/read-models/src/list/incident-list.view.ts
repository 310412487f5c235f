import type { IncidentRecord } from './incident-record';

/** An incident as lists show it (GET /incidents). */
export type IncidentListItem = Omit<IncidentRecord, 'incidentId'> & { id: string };

export const listItemOf = ({ incidentId, ...rest }: IncidentRecord): IncidentListItem => ({ id: incidentId, ...rest });
