import type { Priority, SlaRetargetCause, SlaTarget, SupportCalendar } from '@itsm/contracts';

/**
 * What the SLA engine needs to know about an incident, in its own words: the application maps incident events
 * (and its local copy of the catalog's offerings and calendars) to these facts, and a clock tick to `ClockTicked`.
 * Every fact carries its instant (`at`), so deciding stays a pure function of (SLA state, fact).
 */

/** The terms a timer counts against: the offering's target for the priority, in the offering's calendar. */
export interface SlaTerms {
  priority: Priority;
  offeringId: string;
  target: SlaTarget;
  calendarId: string;
  calendar: SupportCalendar;
}

export type SlaFact =
  | { type: 'IncidentOpened'; incidentId: string; at: Date; terms: SlaTerms }
  /** Put In Progress: the first time meets the response timer. */
  | { type: 'IncidentWorkStarted'; at: Date }
  | { type: 'IncidentPutOnHold'; at: Date }
  | { type: 'IncidentResumed'; at: Date }
  | { type: 'IncidentResolved'; at: Date }
  | { type: 'IncidentReopened'; at: Date }
  | { type: 'IncidentClosed'; at: Date }
  | { type: 'IncidentCancelled'; at: Date; reason: string }
  /** New priority, another offering, or the offering's targets or calendar changed: live timers are retargeted. */
  | { type: 'SlaTermsChanged'; at: Date; cause: SlaRetargetCause; terms: SlaTerms }
  /** The durable timer woke up: announce the warnings and breaches due by `at`. */
  | { type: 'ClockTicked'; at: Date };

export type SlaFactType = SlaFact['type'];
