import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, liveTablesOf, type Projection } from '@itsm/projections';
import { changeListProjection } from './change-list/change-list.projection';
import { ChangeListQueries } from './change-list/change-list.queries';

/** The changes projections, for `ProjectionsModule.forRoot([...changesProjections])` (embedded, the changes host). */
export const changesProjections: readonly Projection[] = [changeListProjection];

export interface ChangesReadModels {
  changeList: ChangeListQueries;
}

/** The query services on the live tables (`schema`: the projection runtime's read-model schema). */
export const createChangesReadModels = ({ db, schema = DEFAULT_READ_MODEL_LOCATION.schema }: { db: SqlExecutor; schema?: string }): ChangesReadModels => ({
  changeList: new ChangeListQueries(db, liveTablesOf(changeListProjection, schema)),
});
