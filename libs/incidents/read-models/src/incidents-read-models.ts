import type { SqlExecutor } from '@itsm/event-store';
import type { Projection } from '@itsm/projections';
import { IncidentHistoryQueries } from './history/incident-history.queries';
import { IncidentListQueries } from './list/incident-list.queries';
import { incidentListProjection } from './list/incident-list.projection';
import type { IncidentListTables } from './list/incident-list.tables';

/** The incidents' projections, for `ProjectionsModule.forRoot([...incidentProjections])` (embedded, projector). */
export const incidentProjections: readonly Projection[] = [incidentListProjection];

export interface IncidentReadModelOptions {
  /** The database the projections write (the process's SQL_DATABASE). */
  db: SqlExecutor;
  /** Schema of the read-model tables (ProjectionRuntime `schema`, default `read_models`). */
  schema?: string;
}

export interface IncidentReadModels {
  list: IncidentListQueries;
  history: IncidentHistoryQueries;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** `"schema"."table"`, as the projection runtime names the live tables. */
const qualified = (schema: string, table: string): string => {
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid read-model schema ${schema}`);
  return `"${schema}"."${table}"`;
};

/** The live tables of the incident list projection in a read-model schema. */
export const incidentListTablesIn = (schema: string): IncidentListTables => ({
  incident_list: qualified(schema, 'incident_list'),
  incident_history: qualified(schema, 'incident_history'),
});

export const createIncidentReadModels = ({ db, schema = 'read_models' }: IncidentReadModelOptions): IncidentReadModels => {
  const tables = incidentListTablesIn(schema);
  return { list: new IncidentListQueries(db, tables), history: new IncidentHistoryQueries(db, tables) };
};
