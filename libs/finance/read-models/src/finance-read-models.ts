import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, liveTablesOf, type Projection } from '@itsm/projections';
import { costCenterListProjection } from './cost-center-list/cost-center-list.projection';
import { CostCenterListQueries } from './cost-center-list/cost-center-list.queries';

/** The finance projections, for `ProjectionsModule.forRoot([...financeProjections])` (embedded, the finance host). */
export const financeProjections: readonly Projection[] = [costCenterListProjection];

export interface FinanceReadModels {
  costCenterList: CostCenterListQueries;
}

/** The query services on the live tables (`schema`: the projection runtime's read-model schema). */
export const createFinanceReadModels = ({ db, schema = DEFAULT_READ_MODEL_LOCATION.schema }: { db: SqlExecutor; schema?: string }): FinanceReadModels => ({
  costCenterList: new CostCenterListQueries(db, liveTablesOf(costCenterListProjection, schema)),
});
