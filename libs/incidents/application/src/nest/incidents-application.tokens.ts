/** The clock handlers and the SLA scheduler read "now" from (tests move it by hand). */
export const INCIDENTS_CLOCK = Symbol('INCIDENTS_CLOCK');
/** The incidents' local copy of the catalog (`IncidentCatalog` port). */
export const INCIDENT_CATALOG = Symbol('INCIDENT_CATALOG');
/** Where INC numbers come from (`IncidentNumberAllocator` port). */
export const INCIDENT_NUMBERS = Symbol('INCIDENT_NUMBERS');
/** The priority matrix, reopen window and escalation levels in force (`IncidentPolicy`). */
export const INCIDENT_POLICY = Symbol('INCIDENT_POLICY');
/** The incidents' local copy of changes (`ChangeDirectory` port): a change's id from its number and back. */
export const CHANGE_DIRECTORY = Symbol('CHANGE_DIRECTORY');
