import { INCIDENT_EVENT_TYPES, SLA_EVENT_TYPES, incidentStreamId, type IncidentEvent, type SlaEvent } from '@itsm/contracts';
import { NO_STREAM_REVISION, type RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { incidentDecider, slaDecider, type Incident, type SlaCalendarSource, type SlaState } from '@itsm/incidents-domain';
import { calendarSourceOf } from '../catalog-copy/calendar-versions';
import type { IncidentCatalog } from '../catalog-copy/incident-catalog.port';
import { IncidentNotFound } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const incidentTypes = new Set<string>(INCIDENT_EVENT_TYPES);
const slaTypes = new Set<string>(SLA_EVENT_TYPES);

/** An id that is not a uuid names no incident: not found, rather than a malformed stream id. */
export const incidentStreamOf = (incidentId: string): string => {
  if (!UUID.test(incidentId)) throw new IncidentNotFound(incidentId);
  return incidentStreamId(incidentId);
};

/** The incident stream holds both sides: the incident's lifecycle and its SLA timers, each folded by its own decider. */
export interface LoadedIncidentStream {
  incident: Incident;
  sla: SlaState;
  /** Calendars in force at any instant, for the SLA fold (versions from the local catalog copy). */
  calendarOf: SlaCalendarSource;
  /** Revision of the stream's last event (-1 when empty): the resource's ETag and the append's expected revision. */
  revision: number;
}

const calendarIdsOf = (events: readonly RecordedEvent[]): string[] => [
  ...new Set(
    events
      .filter((event) => event.type === 'SlaTimerStarted' || event.type === 'SlaTimerRetargeted')
      .map((event) => (event.data as { calendarId: string }).calendarId),
  ),
];

export const loadIncidentStream = async (
  store: Pick<EventStore, 'readStream'>,
  catalog: Pick<IncidentCatalog, 'calendarVersions'>,
  incidentId: string,
  options: { asOf?: Date } = {},
): Promise<LoadedIncidentStream> => {
  // asOf: only the events recorded by then, so the fold gives the incident as it was at that instant.
  const events = await store.readStream(incidentStreamOf(incidentId), options.asOf ? { asOf: options.asOf } : undefined);
  const calendarOf = calendarSourceOf(await catalog.calendarVersions(calendarIdsOf(events)));
  const sla = slaDecider(calendarOf);
  let incident = incidentDecider.initialState();
  let slaState = sla.initialState();
  for (const event of events) {
    if (incidentTypes.has(event.type)) incident = incidentDecider.evolve(incident, event as unknown as IncidentEvent);
    else if (slaTypes.has(event.type)) slaState = sla.evolve(slaState, event as unknown as SlaEvent);
  }
  const revision = events.length === 0 ? NO_STREAM_REVISION : events[events.length - 1].streamRevision;
  return { incident, sla: slaState, calendarOf, revision };
};
