export { INCIDENT_CATALOG, INCIDENTS_CLOCK } from '@itsm/incidents-application';
export const INCIDENT_READ_MODELS = Symbol('INCIDENT_READ_MODELS');
