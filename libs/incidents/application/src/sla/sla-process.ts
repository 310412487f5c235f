import type { IncidentEvent, SlaEvent, SupportCalendar } from '@itsm/contracts';
import { slaDecider, type OpenedIncident, type SlaCalendarSource, type SlaFact, type SlaState, type SlaTerms } from '@itsm/incidents-domain';
import type { IncidentCatalog } from '../catalog-copy/incident-catalog.port';

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

/** Folds a sequence of SLA facts through the SLA decider, each against the state the previous ones left. */
export const decideSlaFacts = (facts: readonly SlaFact[], state: SlaState, calendarOf: SlaCalendarSource): SlaDecision => {
  const carried = new Map<string, SupportCalendar>();
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
): Promise<SlaDecision> => {
  const facts: SlaFact[] = [{ type: 'ClockTicked', at }];
  for (const [index, event] of incidentEvents.entries()) {
    const fact = await factOf(event, incidentsAfterEach[index], at, catalog);
    if (fact) facts.push(fact);
  }
  return decideSlaFacts(facts, state, calendarOf);
};

export type { SlaTerms };
