/** Minutes of work logged on an incident, as finance's copy of incidents keeps them (`IncidentWorkLogged`). */
export interface LoggedWork {
  entryId: string;
  incidentId: string;
  incidentNumber: string;
  serviceId: string;
  minutes: number;
  loggedBy: string;
  /**
   * The role the work is priced at: the role of the event's actor when the envelope names one (the role the person
   * acted in), else `agent` (DEFAULT_LABOUR_ROLE). A rate card prices it as `roleRates[role]`.
   */
  role: string;
  /** The UTC day of `loggedAt`: the rate card version in effect that day prices it. */
  loggedOn: string;
  loggedAt: string;
}

/** An SLA breach, kept for the service-credit process: which incident, service, offering, priority and timer. */
export interface SlaBreach {
  breachEventId: string;
  incidentId: string;
  incidentNumber: string;
  serviceId: string;
  /** The offering whose targets the timer counted against (null when the copy never saw the timer start). */
  offeringId: string | null;
  priority: string | null;
  timerKind: 'response' | 'resolution';
  dueAt: string;
  breachedAt: string;
}

/** Finance's copy of incidents: logged work and SLA breaches, fed by the incidents' published events. */
export interface FinanceIncidents {
  /** Work logged on the days `from` to `to` (inclusive, YYYY-MM-DD), by day then entry. */
  workLogged(range: { from: string; to: string }): Promise<LoggedWork[]>;
  /** Breaches at instants in [from, to), by time. */
  slaBreaches(range: { from: Date; to: Date }): Promise<SlaBreach[]>;
}

/** The role labour is priced at when the work-log event's actor names none. */
export const DEFAULT_LABOUR_ROLE = 'agent';
