import type { SqlExecutor } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, liveTablesOf, ReadModelPositions, type Projection, type WaitOptions } from '@itsm/projections';
import { allocationRuleListProjection } from './allocation-rules/allocation-rule-list.projection';
import { AllocationRuleListQueries } from './allocation-rules/allocation-rule-list.queries';
import { budgetListProjection } from './budgets/budget-list.projection';
import { BudgetListQueries } from './budgets/budget-list.queries';
import { costCenterListProjection } from './cost-center-list/cost-center-list.projection';
import { CostCenterListQueries } from './cost-center-list/cost-center-list.queries';
import { costPoolListProjection } from './cost-pools/cost-pool-list.projection';
import { CostPoolListQueries } from './cost-pools/cost-pool-list.queries';
import { exchangeRateListProjection } from './exchange-rates/exchange-rate-list.projection';
import { ExchangeRateListQueries } from './exchange-rates/exchange-rate-list.queries';
import { ledgerProjection } from './ledger/ledger.projection';
import { LedgerQueries } from './ledger/ledger.queries';
import { rateCardListProjection } from './rate-cards/rate-card-list.projection';
import { RateCardListQueries } from './rate-cards/rate-card-list.queries';
import { usageProjection } from './usage/usage.projection';
import { UsageQueries } from './usage/usage.queries';

/**
 * The finance projections, for `ProjectionsModule.forRoot([...financeProjections])` (embedded, the finance host).
 * The handlers also need `financeApplicationProjections()` of @itsm/finance-application (the directory, the copies).
 */
export const financeProjections: readonly Projection[] = [
  costCenterListProjection,
  costPoolListProjection,
  rateCardListProjection,
  budgetListProjection,
  allocationRuleListProjection,
  exchangeRateListProjection,
  usageProjection,
  ledgerProjection,
];

export interface FinanceReadModels {
  costCenterList: CostCenterListQueries;
  costPools: CostPoolListQueries;
  rateCards: RateCardListQueries;
  budgets: BudgetListQueries;
  allocationRules: AllocationRuleListQueries;
  exchangeRates: ExchangeRateListQueries;
  usage: UsageQueries;
  ledger: LedgerQueries;
  /** Read-your-writes: resolves once every finance projection that reads `eventType` includes log `position`. */
  consistency: { waitFor(eventType: string, position: number, options?: WaitOptions): Promise<void> };
}

export interface FinanceReadModelsDependencies {
  db: SqlExecutor;
  /** The projection runtime's read-model schema (default `read_models`). */
  schema?: string;
  /** The projection runtime's checkpoint schema (default `projections`). */
  checkpointSchema?: string;
}

/** The query services on the live tables. */
export const createFinanceReadModels = ({
  db,
  schema = DEFAULT_READ_MODEL_LOCATION.schema,
  checkpointSchema = DEFAULT_READ_MODEL_LOCATION.checkpointSchema,
}: FinanceReadModelsDependencies): FinanceReadModels => {
  const positions = new ReadModelPositions(db, { checkpointSchema });
  return {
    costCenterList: new CostCenterListQueries(db, liveTablesOf(costCenterListProjection, schema)),
    costPools: new CostPoolListQueries(db, liveTablesOf(costPoolListProjection, schema)),
    rateCards: new RateCardListQueries(db, liveTablesOf(rateCardListProjection, schema)),
    budgets: new BudgetListQueries(db, liveTablesOf(budgetListProjection, schema)),
    allocationRules: new AllocationRuleListQueries(db, liveTablesOf(allocationRuleListProjection, schema)),
    exchangeRates: new ExchangeRateListQueries(db, liveTablesOf(exchangeRateListProjection, schema)),
    usage: new UsageQueries(db, liveTablesOf(usageProjection, schema)),
    ledger: new LedgerQueries(db, liveTablesOf(ledgerProjection, schema)),
    consistency: {
      waitFor: async (eventType, position, options) => {
        const readers = financeProjections.filter((projection) => projection.eventTypes.includes(eventType));
        await Promise.all(readers.map((projection) => positions.waitForPosition(projection.name, position, options)));
      },
    },
  };
};
