import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, liveTablesOf, ReadModelPositions, type Projection, type WaitOptions } from '@itsm/projections';
import { ChangeHistoryQueries } from './change-list/change-history.queries';
import { changeListProjection } from './change-list/change-list.projection';
import { ChangeListQueries, type ImplementerRecord } from './change-list/change-list.queries';
import { changeScheduleProjection, type ChangeScheduleTables } from './conflicts/change-schedule.projection';
import { ConflictQueries } from './conflicts/conflict.queries';
import type { ConflictSources } from './conflicts/conflict-sources';
import { FreezeWindowQueries } from './conflicts/freeze-window.queries';
import { ScheduleQueries } from './conflicts/schedule.queries';
import { changeDeliveryProjection } from './dora/change-delivery.projection';
import { DoraQueries, type DoraSources } from './dora/dora.queries';
import { changeRiskHistoryProjection } from './risk-history/risk-history.projection';
import { RiskHistoryQueries } from './risk-history/risk-history.queries';

/**
 * The changes projections, for `ProjectionsModule.forRoot([...changesProjections])` (embedded, the changes host).
 * The conflict detection also needs the changes' copies of the catalog and of incidents:
 * `changesApplicationProjections()` of @itsm/changes-application.
 */
export const changesProjections: readonly Projection[] = [changeListProjection, changeScheduleProjection, changeDeliveryProjection, changeRiskHistoryProjection];

export interface ChangesReadModels {
  /** The change list (filters, text search, keyset pages), by number. */
  changeList: ChangeListQueries;
  /** The field-level history of each change. */
  history: ChangeHistoryQueries;
  /** An implementer group's recent outcomes (the risk assessment's fact; the application's `ImplementerRecords` port). */
  implementerRecords: { recentRecord(group: string, since: Date): Promise<ImplementerRecord> };
  conflicts: ConflictQueries;
  schedule: ScheduleQueries;
  freezeWindows: FreezeWindowQueries;
  /** The DORA figures of a service (`change_delivery` and the incidents copy). */
  dora: DoraQueries;
  /** What the risk back-test replays (`change_risk_history`). */
  riskHistory: RiskHistoryQueries;
  consistency: {
    /** Read-your-writes: resolves once the schedule (changes and freeze windows) includes a write's log position. */
    schedule(position: number, options?: WaitOptions): Promise<void>;
    /** Read-your-writes: resolves once the change list and history include a write's log position. */
    list(position: number, options?: WaitOptions): Promise<void>;
    /** The same for the deliveries the DORA figures read. */
    deliveries(position: number, options?: WaitOptions): Promise<void>;
  };
}

/** The changes' copies the read models read: the catalog and incidents (conflicts, DORA). */
export type ChangesReadModelSources = ConflictSources & Pick<DoraSources, 'causedIncidents'>;

export interface ChangesReadModelsDependencies {
  db: SqlExecutor;
  /** The changes' copies of the catalog and of incidents (`SqlChangeCatalog`, `SqlChangeIncidents` of the application). */
  sources: ChangesReadModelSources;
  /** The projection runtime's read-model schema (default `read_models`). */
  schema?: string;
  /** The projection runtime's checkpoint schema (default `projections`). */
  checkpointSchema?: string;
}

/** The live tables of the change schedule in a read-model schema. */
export const changeScheduleTablesIn = (schema: string = DEFAULT_READ_MODEL_LOCATION.schema): ChangeScheduleTables =>
  liveTablesOf(changeScheduleProjection, schema);

/** The query services on the live tables. */
export const createChangesReadModels = ({
  db,
  sources,
  schema = DEFAULT_READ_MODEL_LOCATION.schema,
  checkpointSchema = DEFAULT_READ_MODEL_LOCATION.checkpointSchema,
}: ChangesReadModelsDependencies): ChangesReadModels => {
  const scheduleTables = changeScheduleTablesIn(schema);
  const conflicts = new ConflictQueries(db, scheduleTables, sources);
  const positions = new ReadModelPositions(db, { checkpointSchema });
  const listTables = liveTablesOf(changeListProjection, schema);
  const changeList = new ChangeListQueries(db, listTables);
  return {
    changeList,
    history: new ChangeHistoryQueries(db, listTables),
    implementerRecords: { recentRecord: (group, since) => changeList.implementerRecord(group, since) },
    conflicts,
    schedule: new ScheduleQueries(db, scheduleTables, conflicts),
    freezeWindows: new FreezeWindowQueries(db, scheduleTables),
    dora: new DoraQueries(db, liveTablesOf(changeDeliveryProjection, schema), sources),
    riskHistory: new RiskHistoryQueries(db, liveTablesOf(changeRiskHistoryProjection, schema)),
    consistency: {
      schedule: (position, options) => positions.waitForPosition(changeScheduleProjection.name, position, options),
      list: (position, options) => positions.waitForPosition(changeListProjection.name, position, options),
      deliveries: (position, options) => positions.waitForPosition(changeDeliveryProjection.name, position, options),
    },
  };
};
