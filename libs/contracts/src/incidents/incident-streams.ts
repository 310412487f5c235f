import { formatNumber, parseStreamName, streamName } from '@itsm/event-sourcing';

/** Stream type of the incidents context (routed to `incidents` by STREAM_TYPE_CONTEXTS). */
export const INCIDENT_STREAM_TYPE = 'incident';

/** `incident-<uuid>`: one stream per incident, holding its lifecycle, links, work log and SLA timers. */
export const incidentStreamId = (incidentId: string): string => streamName(INCIDENT_STREAM_TYPE, incidentId);

/** The incident id (uuid) of an incident stream id. */
export const incidentIdOf = (streamId: string): string => parseStreamName(streamId).entityId;

/** Prefix filter for reading incident streams from the log (`readAll({ filter })`). */
export const INCIDENT_STREAM_PREFIX = `${INCIDENT_STREAM_TYPE}-`;

/** Human-facing incident numbers: `INC0000001`, allocated by the application from a sequence. */
export const INCIDENT_NUMBER_PREFIX = 'INC';
export const INCIDENT_NUMBER_PATTERN = /^INC\d{7,}$/;
export const formatIncidentNumber = (sequence: number): string => formatNumber(INCIDENT_NUMBER_PREFIX, sequence);
