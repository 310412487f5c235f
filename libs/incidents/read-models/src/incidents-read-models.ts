import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, liveTablesOf, ReadModelPositions, type Projection, type ReadModelLocation, type WaitOptions } from '@itsm/projections';
import { IncidentHistoryQueries } from './history/incident-history.queries';
import { IncidentListQueries } from './list/incident-list.queries';
import { incidentListProjection } from './list/incident-list.projection';
import type { IncidentListTables } from './list/incident-list.tables';

/** The incidents' projections, for `ProjectionsModule.forRoot([...incidentProjections])` (embedded, projector). */
export const incidentProjections: readonly Projection[] = [incidentListProjection];

/** The database, and where the projection runtime keeps the tables and checkpoints (its defaults unless given). */
export interface IncidentReadModelOptions extends Partial<ReadModelLocation> {
  /** The database the projections write (the process's SQL_DATABASE). */
  db: SqlExecutor;
}

export interface IncidentReadModels {
  list: IncidentListQueries;
  history: IncidentHistoryQueries;
  positions: ReadModelPositions;
  /** Read-your-writes: resolves once the list and the history include the log position of a write. */
  consistency: {
    list(position: number, options?: WaitOptions): Promise<void>;
  };
}

/** The live tables of the incident list projection in a read-model schema. */
export const incidentListTablesIn = (schema: string): IncidentListTables => liveTablesOf(incidentListProjection, schema);

export const createIncidentReadModels = ({
  db,
  schema = DEFAULT_READ_MODEL_LOCATION.schema,
  checkpointSchema = DEFAULT_READ_MODEL_LOCATION.checkpointSchema,
}: IncidentReadModelOptions): IncidentReadModels => {
  const tables = incidentListTablesIn(schema);
  const positions = new ReadModelPositions(db, { checkpointSchema });
  return {
    list: new IncidentListQueries(db, tables),
    history: new IncidentHistoryQueries(db, tables),
    positions,
    consistency: {
      list: (position, options) => positions.waitForPosition(incidentListProjection.name, position, options),
    },
  };
};
