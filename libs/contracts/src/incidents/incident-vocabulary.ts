/* The words of the incident contract: wire names as the API and the events spell them (DESIGN §7). */

/** Lifecycle states on the wire. */
export const INCIDENT_STATES = ['new', 'assigned', 'in-progress', 'on-hold', 'resolved', 'closed', 'cancelled'] as const;
export type IncidentStateName = (typeof INCIDENT_STATES)[number];

/** States in which the incident is still being worked (not resolved, closed or cancelled). */
export const OPEN_INCIDENT_STATES: readonly IncidentStateName[] = ['new', 'assigned', 'in-progress', 'on-hold'];

/** Why an incident waits; the resolution SLA timer pauses while it does. */
export const HOLD_REASONS = ['awaiting-caller', 'awaiting-change', 'awaiting-vendor'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** Impact and urgency: 1 (high) … 3 (low); their pair gives the priority through the matrix. */
export const IMPACT_LEVELS = [1, 2, 3] as const;
export type Impact = (typeof IMPACT_LEVELS)[number];
export type Urgency = Impact;

/** How an incident was resolved (ServiceNow-like resolution codes). */
export const RESOLUTION_CODES = [
  'solved-permanently',
  'solved-workaround',
  'solved-remotely',
  'not-reproducible',
  'not-solved-too-costly',
  'resolved-by-caller',
  'duplicate',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

/** Why a change is linked to an incident; `caused-by` is what change statistics count. */
export const CHANGE_LINK_RELATIONS = ['caused-by', 'resolved-by', 'related'] as const;
export type ChangeLinkRelation = (typeof CHANGE_LINK_RELATIONS)[number];

/** The major-incident process: none → proposed → accepted | rejected (a rejected one may be proposed again). */
export type MajorIncidentStatus = 'none' | 'proposed' | 'accepted' | 'rejected';
