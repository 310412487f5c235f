import { INCIDENT_EVENT_TYPES, SLA_EVENT_TYPES, incidentStreamId, type IncidentEvent, type SlaEvent, type SupportCalendar } from '@itsm/contracts';
import type { DomainEvent, RecordedEvent } from '@itsm/event-sourcing';
import { incidentDecider, slaDecider, type Incident, type SlaCalendarSource, type SlaState } from '@itsm/incidents-domain';
import { IncidentNotFound } from '../errors';
import { calendarSourceOf } from '../foreign/catalog-copy/calendar-versions';
import type { IncidentCatalog } from '../ports/incident-catalog.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const incidentTypes = new Set<string>(INCIDENT_EVENT_TYPES);
const slaTypes = new Set<string>(SLA_EVENT_TYPES);

/** An id that is not a uuid names no incident: not found, rather than a malformed stream id. */
export const incidentStreamOf = (incidentId: string): string => {
  if (!UUID.test(incidentId)) throw new IncidentNotFound(incidentId);
  return incidentStreamId(incidentId);
};

/**
 * The incident stream holds both sides, each folded by its own decider: the incident's lifecycle and its SLA
 * timers. `calendarOf` serves the SLA fold: calendar versions from the local catalog copy, plus the calendars that
 * the facts of a command in progress carry (not yet in any SLA event).
 */
export interface IncidentStreamState {
  incident: Incident;
  sla: SlaState;
  calendarOf: SlaCalendarSource;
  /** Calendars carried by the facts of the command being decided (filled by the SLA policy). */
  carried: Map<string, SupportCalendar>;
}

const calendarIdsOf = (events: readonly RecordedEvent[]): string[] => [
  ...new Set(
    events
      .filter((event) => event.type === 'SlaTimerStarted' || event.type === 'SlaTimerRetargeted')
      .map((event) => (event.data as { calendarId: string }).calendarId),
  ),
];

/** One event more on either side of the stream (events of neither kind leave the state as it is). */
export const evolveIncidentStream = (state: IncidentStreamState, event: DomainEvent): IncidentStreamState => {
  if (incidentTypes.has(event.type)) return { ...state, incident: incidentDecider.evolve(state.incident, event as IncidentEvent) };
  if (slaTypes.has(event.type)) return { ...state, sla: slaDecider(state.calendarOf).evolve(state.sla, event as SlaEvent) };
  return state;
};

/** Folds an incident stream: the calendar versions its SLA events name are looked up first, in one query. */
export const foldIncidentStream =
  (catalog: Pick<IncidentCatalog, 'calendarVersions'>) =>
  async (events: readonly RecordedEvent[]): Promise<IncidentStreamState> => {
    const known = calendarSourceOf(await catalog.calendarVersions(calendarIdsOf(events)));
    const carried = new Map<string, SupportCalendar>();
    const calendarOf: SlaCalendarSource = (calendarId, asOf) => carried.get(calendarId) ?? known(calendarId, asOf);
    const initial: IncidentStreamState = { incident: incidentDecider.initialState(), sla: slaDecider(calendarOf).initialState(), calendarOf, carried };
    return events.reduce(evolveIncidentStream, initial);
  };
