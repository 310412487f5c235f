import type { EventStore, SqlExecutor } from '@itsm/event-store';
import {
  DEFAULT_READ_MODEL_LOCATION,
  liveTablesOf,
  ReadModelPositions,
  type Projection,
  type ReadModelLocation,
  type TableNames,
  type WaitOptions,
} from '@itsm/projections';
import { CalendarQueries } from './calendars/calendar.queries';
import { catalogCalendarsProjection, type CatalogCalendarsTable } from './calendars/catalog-calendars.projection';
import { ImpactQueries } from './dependencies/impact.queries';
import { ReadModelServiceDependencyGraph } from './dependencies/read-model-service-dependency-graph.adapter';
import { catalogServicesProjection, type CatalogServicesTable } from './services/catalog-services.projection';
import { ServiceQueries } from './services/service.queries';

/** The catalog's projections, for `ProjectionsModule.forRoot([...catalogProjections])` (embedded, projector). */
export const catalogProjections: readonly Projection[] = [catalogServicesProjection, catalogCalendarsProjection];

export interface CatalogReadModelOptions {
  /** The database the projections write (the process's SQL_DATABASE). */
  db: SqlExecutor;
  /** The event log: single resources are folded from their streams; the dependency graph checks it for lag. */
  store: Pick<EventStore, 'readStream' | 'readAll'>;
  location?: ReadModelLocation;
}

/** Everything the catalog reads: query services over the projections' live tables, and consistency helpers. */
export interface CatalogReadModels {
  services: ServiceQueries;
  calendars: CalendarQueries;
  impact: ImpactQueries;
  /** Implements the application's ServiceDependencyGraph port. */
  dependencyGraph: ReadModelServiceDependencyGraph;
  positions: ReadModelPositions;
  /** Read-your-writes: resolve once the lists of services (or calendars) include the log position of a write. */
  consistency: {
    services(position: number, options?: WaitOptions): Promise<void>;
    calendars(position: number, options?: WaitOptions): Promise<void>;
  };
}

export const createCatalogReadModels = ({ db, store, location = DEFAULT_READ_MODEL_LOCATION }: CatalogReadModelOptions): CatalogReadModels => {
  const serviceTables: TableNames<CatalogServicesTable> = liveTablesOf(catalogServicesProjection, location.schema);
  const calendarTables: TableNames<CatalogCalendarsTable> = liveTablesOf(catalogCalendarsProjection, location.schema);
  const positions = new ReadModelPositions(db, location);
  const impact = new ImpactQueries(db, serviceTables);
  return {
    services: new ServiceQueries(db, store, serviceTables),
    calendars: new CalendarQueries(db, store, calendarTables),
    impact,
    dependencyGraph: new ReadModelServiceDependencyGraph(impact, positions, store),
    positions,
    consistency: {
      services: (position, options) => positions.waitForPosition(catalogServicesProjection.name, position, options),
      calendars: (position, options) => positions.waitForPosition(catalogCalendarsProjection.name, position, options),
    },
  };
};
