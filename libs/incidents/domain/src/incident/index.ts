export * from './command-metadata';
export * from './commands';
export * from './events';
export type { Assignment, ChangeLink, Incident, IncidentLifecycle, OpenedIncident, UnopenedIncident } from './state';
export { evolve as evolveIncident, initialState as initialIncident, stateOf } from './state';
export { incidentDecider } from './decide';
export * from './priority-matrix';
export * from './incident-policy';
export { resolveBecauseParentResolved } from './parent-resolution';
