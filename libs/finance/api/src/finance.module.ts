import { Module, type DynamicModule } from '@nestjs/common';
import type { SqlExecutor } from '@itsm/event-store';
import { FinanceApplicationModule, type FinanceApplicationOptions } from '@itsm/finance-application';
import { SQL_DATABASE } from '@itsm/platform-kit';
import { CloseCostCenterController } from './close-cost-center/close-cost-center.controller';
import { CloseCostPoolController } from './close-cost-pool/close-cost-pool.controller';
import { CreateRateCardController } from './create-rate-card/create-rate-card.controller';
import { DefineAllocationRuleController } from './define-allocation-rule/define-allocation-rule.controller';
import { FinanceSettingsController } from './finance-settings/finance-settings.controller';
import { GetAllocationRuleController } from './get-allocation-rule/get-allocation-rule.controller';
import { GetBudgetController } from './get-budget/get-budget.controller';
import { GetCostCenterController } from './get-cost-center/get-cost-center.controller';
import { GetCostPoolController } from './get-cost-pool/get-cost-pool.controller';
import { GetLedgerImportController } from './get-ledger-import/get-ledger-import.controller';
import { GetRateCardController } from './get-rate-card/get-rate-card.controller';
import { ImportLedgerController } from './import-ledger/import-ledger.controller';
import { LabourCostsController } from './labour-costs/labour-costs.controller';
import { ListAllocationRulesController } from './list-allocation-rules/list-allocation-rules.controller';
import { ListBudgetsController } from './list-budgets/list-budgets.controller';
import { ListCostCentersController } from './list-cost-centers/list-cost-centers.controller';
import { ListCostPoolsController } from './list-cost-pools/list-cost-pools.controller';
import { ListExchangeRatesController } from './list-exchange-rates/list-exchange-rates.controller';
import { ListRateCardsController } from './list-rate-cards/list-rate-cards.controller';
import { ListLedgerImportsController } from './list-ledger-imports/list-ledger-imports.controller';
import { ListLedgerLinesController } from './list-ledger-lines/list-ledger-lines.controller';
import { ListUsageController } from './list-usage/list-usage.controller';
import { MoveCostCenterController } from './move-cost-center/move-cost-center.controller';
import { OpenCostCenterController } from './open-cost-center/open-cost-center.controller';
import { OpenCostPoolController } from './open-cost-pool/open-cost-pool.controller';
import { PlanBudgetController } from './plan-budget/plan-budget.controller';
import { PublishRateCardVersionController } from './publish-rate-card-version/publish-rate-card-version.controller';
import { RecordBudgetActualController } from './record-budget-actual/record-budget-actual.controller';
import { RecordBudgetCommitmentController } from './record-budget-commitment/record-budget-commitment.controller';
import { RecordUsageController } from './record-usage/record-usage.controller';
import { RenameCostCenterController } from './rename-cost-center/rename-cost-center.controller';
import { RenameCostPoolController } from './rename-cost-pool/rename-cost-pool.controller';
import { RetireAllocationRuleController } from './retire-allocation-rule/retire-allocation-rule.controller';
import { ReviseAllocationRuleController } from './revise-allocation-rule/revise-allocation-rule.controller';
import { ReviseBudgetPlanController } from './revise-budget-plan/revise-budget-plan.controller';
import { SetExchangeRateController } from './set-exchange-rate/set-exchange-rate.controller';
import { GetCreditPolicyController } from './get-credit-policy/get-credit-policy.controller';
import { GetDisputeController } from './get-dispute/get-dispute.controller';
import { ListCreditPoliciesController } from './list-credit-policies/list-credit-policies.controller';
import { ListCreditsController } from './list-credits/list-credits.controller';
import { ListDisputesController } from './list-disputes/list-disputes.controller';
import { OpenDisputeController } from './open-dispute/open-dispute.controller';
import { PutCreditPolicyController } from './put-credit-policy/put-credit-policy.controller';
import { ResolveDisputeController } from './resolve-dispute/resolve-dispute.controller';
import { ReviewDisputeController } from './review-dispute/review-dispute.controller';
import { RunPeriodController } from './run-period/run-period.controller';
import { PublishStatementsController } from './publish-statements/publish-statements.controller';
import { ClosePeriodController } from './close-period/close-period.controller';
import { GetPeriodController } from './get-period/get-period.controller';
import { GetReconciliationController } from './get-reconciliation/get-reconciliation.controller';
import { ListStatementsByPeriodController, ListStatementsController } from './list-statements/list-statements.controller';
import { GetStatementController } from './get-statement/get-statement.controller';
import { PostAdjustmentController } from './post-adjustment/post-adjustment.controller';
import { ReplayPeriodController } from './replay-period/replay-period.controller';
import { FinanceConsistency } from './shared/finance-consistency';
import { FinanceErrorsInterceptor } from './shared/finance-errors.interceptor';
import { FINANCE_READ_MODELS, type FinanceReadModelsFactory } from './shared/finance-read-models.port';

/** One controller per use case (`src/<use-case>/`); each resource's fixed paths before its `:id` ones. */
export const FINANCE_CONTROLLERS = [
  OpenCostCenterController,
  ListCostCentersController,
  GetCostCenterController,
  RenameCostCenterController,
  MoveCostCenterController,
  CloseCostCenterController,
  OpenCostPoolController,
  ListCostPoolsController,
  GetCostPoolController,
  RenameCostPoolController,
  CloseCostPoolController,
  CreateRateCardController,
  ListRateCardsController,
  GetRateCardController,
  PublishRateCardVersionController,
  DefineAllocationRuleController,
  ListAllocationRulesController,
  GetAllocationRuleController,
  ReviseAllocationRuleController,
  RetireAllocationRuleController,
  PlanBudgetController,
  ListBudgetsController,
  GetBudgetController,
  ReviseBudgetPlanController,
  RecordBudgetActualController,
  RecordBudgetCommitmentController,
  SetExchangeRateController,
  ListExchangeRatesController,
  RecordUsageController,
  ListUsageController,
  ImportLedgerController,
  ListLedgerImportsController,
  GetLedgerImportController,
  ListLedgerLinesController,
  LabourCostsController,
  FinanceSettingsController,
  ListCreditPoliciesController,
  GetCreditPolicyController,
  PutCreditPolicyController,
  ListCreditsController,
  OpenDisputeController,
  ListDisputesController,
  GetDisputeController,
  ReviewDisputeController,
  ResolveDisputeController,
  RunPeriodController,
  PublishStatementsController,
  ClosePeriodController,
  ReplayPeriodController,
  ListStatementsController,
  GetReconciliationController,
  GetPeriodController,
  ListStatementsByPeriodController,
  GetStatementController,
  PostAdjustmentController,
];

export interface FinanceModuleOptions extends FinanceApplicationOptions {
  /** `createFinanceReadModels` from @itsm/finance-read-models (the host joins the two libs). */
  readModels: FinanceReadModelsFactory;
}

/**
 * The finance context behind /api/v1/finance: the controllers over the handlers of FinanceApplicationModule (the
 * composition root) and the read models. Needs the global EventStoreModule, GatewayModule and HealthModule; the
 * projections run in ProjectionsModule (`financeProjections` of @itsm/finance-read-models and
 * `financeApplicationProjections()` of @itsm/finance-application).
 */
@Module({})
export class FinanceModule {
  static forRoot(options: FinanceModuleOptions): DynamicModule {
    const { readModels, ...application } = options;
    return {
      module: FinanceModule,
      imports: [FinanceApplicationModule.forRoot(application)],
      controllers: FINANCE_CONTROLLERS,
      providers: [
        { provide: FINANCE_READ_MODELS, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => readModels({ db }) },
        FinanceConsistency,
        FinanceErrorsInterceptor,
      ],
      exports: [FinanceApplicationModule, FINANCE_READ_MODELS],
    };
  }
}
