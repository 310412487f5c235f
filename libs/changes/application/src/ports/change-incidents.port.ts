/** An accepted major incident that is not resolved, closed or cancelled: changes on its service are frozen. */
export interface ActiveMajorIncident {
  incidentId: string;
  /** `INC0000001`. */
  number: string;
  serviceId: string;
  acceptedAt: string;
}

/** The accepted, open major incidents, as the changes context knows them from the incidents' events. */
export interface ActiveMajorIncidents {
  /** Those open on any of `serviceIds`, oldest acceptance first. */
  onServices(serviceIds: readonly string[]): Promise<ActiveMajorIncident[]>;
}

/** An incident linked to a change as caused by it (`IncidentLinkedToChange`, relation `caused-by`). */
export interface CausedIncident {
  changeId: string;
  incidentId: string;
  /** `INC0000001`. */
  incidentNumber: string;
  linkedAt: string;
  /** When the incident was opened: where DORA's failed-deployment recovery time starts. */
  openedAt: string;
  /** When the incident was last resolved; null while it is open again or was never resolved (DORA: where the recovery time ends). */
  resolvedAt: string | null;
}

export interface CausedIncidents {
  /** The incidents caused by any of `changeIds`, by change, then in the order they were linked. */
  causedBy(changeIds: readonly string[]): Promise<CausedIncident[]>;
}
