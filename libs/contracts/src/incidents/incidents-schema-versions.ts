import { INCIDENT_EVENT_TYPES, type IncidentEventType } from './incident-events';
import { SLA_EVENT_TYPES, type SlaEventType } from './sla-events';

export type IncidentsEventType = IncidentEventType | SlaEventType;

/** Every event type the incidents context publishes (topic `itsm.incidents.events.v1`). */
export const INCIDENTS_EVENT_TYPES: readonly IncidentsEventType[] = [...INCIDENT_EVENT_TYPES, ...SLA_EVENT_TYPES];

/** Types written in a schema version above 1 (each with its upcasters in `incidents-upcasters.ts`). */
const LATER_VERSIONS: Partial<Record<IncidentsEventType, number>> = { IncidentAssigned: 2 };

/** The schema version each incidents event is written in today; readers upcast older ones to it. */
export const INCIDENTS_EVENT_SCHEMA_VERSIONS: Readonly<Record<IncidentsEventType, number>> = Object.freeze(
  Object.fromEntries(INCIDENTS_EVENT_TYPES.map((type) => [type, LATER_VERSIONS[type] ?? 1])) as Record<IncidentsEventType, number>,
);
