import type { AllocationMethodV1, AllocationSourceV1, MoneyV1 } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import type { Page, WaitOptions } from '@itsm/projections';

/*
 * What the finance API reads from the read models (implemented by @itsm/finance-read-models' `createFinanceReadModels`;
 * the host passes that factory to `FinanceModule.forRoot`, since the API lib does not depend on the read-model lib).
 * A cursor it did not hand out is refused with `InvalidCursor` (400).
 */

export interface CostCenterView {
  id: string;
  code: string;
  name: string;
  currency: string;
  parentId: string | null;
  status: 'opened' | 'closed';
  openedAt: string;
  closedAt: string | null;
  childCount: number;
  revision: number;
}

export interface CostPoolView {
  id: string;
  name: string;
  currency: string;
  ownerCostCenterId: string;
  status: 'opened' | 'closed';
  openedAt: string;
  revision: number;
}

export interface RateCardView {
  id: string;
  name: string;
  createdAt: string;
  versionCount: number;
  latestEffectiveFrom: string | null;
  latestCurrency: string | null;
  revision: number;
}

export interface BudgetView {
  id: string;
  costCenterId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  planned: string;
  committed: string;
  actual: string;
  thresholds: number[];
  crossed: { threshold: number; crossedAt: string }[];
  plannedAt: string;
  revision: number;
}

export interface AllocationRuleView {
  id: string;
  name: string;
  source: AllocationSourceV1;
  method: AllocationMethodV1;
  status: 'defined' | 'retired';
  definedAt: string;
  revisedAt: string | null;
  retiredAt: string | null;
  revision: number;
}

export interface ExchangeRateView {
  from: string;
  to: string;
  date: string;
  rate: string;
  setAt: string;
}

export interface UsageTotalView {
  serviceId: string;
  consumerCostCenterId: string;
  unit: string;
  quantity: string;
  records: number;
}

export interface LedgerLineView {
  importId: string;
  lineNumber: number;
  postedOn: string;
  account: string;
  target: { kind: 'cost-pool' | 'cost-center'; id: string };
  amount: MoneyV1;
  sourceReference: string;
  description: string;
}

export interface LedgerImportView {
  id: string;
  fileName: string | null;
  contentSha256: string;
  lineCount: number;
  totals: MoneyV1[];
  firstPostedOn: string;
  lastPostedOn: string;
  importedAt: string;
  importedBy: string;
}

type Paged = { limit?: number; cursor?: string };

export interface FinanceReadModelsPort {
  costCenterList: {
    byCode(code: string): Promise<CostCenterView | null>;
    list(filter: { parentId?: string | null; status?: 'opened' | 'closed' } & Paged): Promise<Page<CostCenterView>>;
  };
  costPools: { list(filter: { ownerCostCenterId?: string; status?: 'opened' | 'closed' } & Paged): Promise<Page<CostPoolView>> };
  rateCards: { list(filter: Paged): Promise<Page<RateCardView>> };
  budgets: { list(filter: { costCenterId?: string; period?: string } & Paged): Promise<Page<BudgetView>> };
  allocationRules: { list(filter: { source?: AllocationSourceV1; status?: 'defined' | 'retired' } & Paged): Promise<Page<AllocationRuleView>> };
  exchangeRates: { list(filter: { from?: string; to?: string; since?: string; until?: string } & Paged): Promise<Page<ExchangeRateView>> };
  usage: { totals(filter: { period: string; serviceId?: string; consumerCostCenterId?: string; unit?: string }): Promise<UsageTotalView[]> };
  ledger: {
    lines(filter: { period?: string; costPoolId?: string; costCenterId?: string; importId?: string } & Paged): Promise<Page<LedgerLineView>>;
    imports(filter: Paged): Promise<Page<LedgerImportView>>;
  };
  consistency: { waitFor(eventType: string, position: number, options?: WaitOptions): Promise<void> };
}

export type FinanceReadModelsFactory = (dependencies: { db: SqlExecutor }) => FinanceReadModelsPort;

/** The read models of the finance API (`FinanceReadModelsPort`). */
export const FINANCE_READ_MODELS = Symbol('FINANCE_READ_MODELS');
