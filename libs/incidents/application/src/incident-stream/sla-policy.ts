import { INCIDENT_EVENT_TYPES, type IncidentEvent, type SlaEvent, type SupportCalendar } from '@itsm/contracts';
import type { StreamPolicy } from '@itsm/event-sourcing';
import { incidentDecider, slaDecider, type OpenedIncident, type SlaCalendarSource, type SlaFact, type SlaState, type SlaTerms } from '@itsm/incidents-domain';
import type { IncidentCatalog } from '../ports/incident-catalog.port';
import type { IncidentStreamState } from './incident-stream';

/**
 * The SLA policy's input from an incident event (null when the event does not concern the timers). Terms come from
 * the local catalog copy: the offering's target for the (new) priority in the calendar in force at `at`.
 */
const factOf = async (
  event: IncidentEvent,
  incident: OpenedIncident,
  at: Date,
  catalog: Pick<IncidentCatalog, 'slaTermsFor'>,
): Promise<SlaFact | null> => {
  switch (event.type) {
    case 'IncidentOpened': {
      const { incidentId, serviceId, offeringId, priority } = event.data;
      const terms = await catalog.slaTermsFor(serviceId, offeringId, priority, at);
      // A service without an offering in the copy has no SLA: the incident runs without timers.
      return terms ? { type: 'IncidentOpened', incidentId, at, terms } : null;
    }
    case 'IncidentPriorityChanged': {
      const terms = await catalog.slaTermsFor(incident.serviceId, incident.offeringId, event.data.to, at);
      return terms ? { type: 'SlaTermsChanged', at, cause: 'priority-changed', terms } : null;
    }
    case 'IncidentWorkStarted':
    case 'IncidentPutOnHold':
    case 'IncidentResumed':
    case 'IncidentResolved':
    case 'IncidentReopened':
    case 'IncidentClosed':
      return { type: event.type, at };
    case 'IncidentCancelled':
      return { type: 'IncidentCancelled', at, reason: event.data.reason };
    default:
      return null;
  }
};

/** A calendar source that also knows the calendars the facts of this decision carry (not yet in any SLA event). */
const withCarried = (calendarOf: SlaCalendarSource, carried: Map<string, SupportCalendar>): SlaCalendarSource => (id, asOf) =>
  carried.get(id) ?? calendarOf(id, asOf);

export interface SlaDecision {
  events: SlaEvent[];
  state: SlaState;
}

/**
 * Folds a sequence of SLA facts through the SLA decider, each against the state the previous ones left. The
 * calendars the facts carry are added to `carried`, where the stream's calendar source finds them afterwards.
 */
export const decideSlaFacts = (
  facts: readonly SlaFact[],
  state: SlaState,
  calendarOf: SlaCalendarSource,
  carried: Map<string, SupportCalendar> = new Map(),
): SlaDecision => {
  const decider = slaDecider(withCarried(calendarOf, carried));
  const events: SlaEvent[] = [];
  let current = state;
  for (const fact of facts) {
    if ('terms' in fact) carried.set(fact.terms.calendarId, fact.terms.calendar);
    for (const event of decider.decide(fact, current)) {
      events.push(event);
      current = decider.evolve(current, event);
    }
  }
  return { events, state: current };
};

/**
 * The SLA events that follow the incident events of one command, decided at the command's instant. Every command
 * first ticks the clock, so a deadline that passed unannounced (the scheduler was down or late) is written now,
 * with the instant it was reached, even when the command itself does not concern the timers (an assignment).
 */
export const slaConsequences = async (
  incidentEvents: readonly IncidentEvent[],
  incidentsAfterEach: readonly OpenedIncident[],
  state: SlaState,
  calendarOf: SlaCalendarSource,
  at: Date,
  catalog: Pick<IncidentCatalog, 'slaTermsFor'>,
  carried?: Map<string, SupportCalendar>,
): Promise<SlaDecision> => {
  const facts: SlaFact[] = [{ type: 'ClockTicked', at }];
  for (const [index, event] of incidentEvents.entries()) {
    const fact = await factOf(event, incidentsAfterEach[index], at, catalog);
    if (fact) facts.push(fact);
  }
  return decideSlaFacts(facts, state, calendarOf, carried);
};

const incidentTypes = new Set<string>(INCIDENT_EVENT_TYPES);

/** The SLA engine as the incident stream's local policy: the timers' reaction to a command's incident events. */
export const slaPolicy =
  (catalog: Pick<IncidentCatalog, 'slaTermsFor'>, at: Date): StreamPolicy<IncidentStreamState> =>
  async (before, decided) => {
    const incidentEvents = decided.filter((event) => incidentTypes.has(event.type)) as IncidentEvent[];
    // A command that changed nothing leaves the timers alone (the scheduler's tick announces what is due).
    if (incidentEvents.length === 0) return [];
    const incidentsAfterEach: OpenedIncident[] = [];
    let incident = before.incident;
    for (const event of incidentEvents) {
      incident = incidentDecider.evolve(incident, event);
      incidentsAfterEach.push(incident as OpenedIncident);
    }
    return (await slaConsequences(incidentEvents, incidentsAfterEach, before.sla, before.calendarOf, at, catalog, before.carried)).events;
  };

/** The clock's tick alone (the SLA scheduler): the warnings and breaches reached by `at`. */
export const slaClockTick =
  (at: Date): StreamPolicy<IncidentStreamState> =>
  (before) =>
    decideSlaFacts([{ type: 'ClockTicked', at }], before.sla, before.calendarOf, before.carried).events;

export type { SlaTerms };
