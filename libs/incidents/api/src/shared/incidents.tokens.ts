/** The clock the incidents' commands, SLA view and scheduler read; override it in tests to move time by hand. */
export const INCIDENTS_CLOCK = Symbol('INCIDENTS_CLOCK');
/** The incidents' local copy of the catalog (SqlIncidentCatalog over `incidentsCatalogProjection`'s tables). */
export const INCIDENT_CATALOG = Symbol('INCIDENT_CATALOG');
export const INCIDENT_READ_MODELS = Symbol('INCIDENT_READ_MODELS');
export const INCIDENTS_MODULE_OPTIONS = Symbol('INCIDENTS_MODULE_OPTIONS');
