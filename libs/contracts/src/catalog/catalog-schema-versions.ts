import { CALENDAR_EVENT_SCHEMA_VERSIONS, CALENDAR_EVENT_TYPES, type CalendarEventType } from './calendar-events';
import { SERVICE_EVENT_TYPES, type ServiceEventType } from './service-events';

export type CatalogEventType = ServiceEventType | CalendarEventType;

/** Every event type the catalog publishes (topic `itsm.catalog.events.v1`). */
export const CATALOG_EVENT_TYPES: readonly CatalogEventType[] = [...SERVICE_EVENT_TYPES, ...CALENDAR_EVENT_TYPES];

/** Types written in a schema version above 1 (each with its upcasters in `catalog-upcasters.ts`). */
const LATER_VERSIONS: Partial<Record<CatalogEventType, number>> = { ServiceRegistered: 2 };

/** The schema version each catalog event is written in today; readers upcast older ones to it. */
export const CATALOG_EVENT_SCHEMA_VERSIONS: Readonly<Record<CatalogEventType, number>> = Object.freeze({
  ...(Object.fromEntries(CATALOG_EVENT_TYPES.map((type) => [type, LATER_VERSIONS[type] ?? 1])) as Record<CatalogEventType, number>),
  ...CALENDAR_EVENT_SCHEMA_VERSIONS,
});
