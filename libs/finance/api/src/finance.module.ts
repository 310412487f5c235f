import { Module, type DynamicModule } from '@nestjs/common';
import { FinanceApplicationModule, type FinanceApplicationOptions } from '@itsm/finance-application';
import { OpenCostCenterController } from './open-cost-center/open-cost-center.controller';

/** One controller per use case (`src/<use-case>/`). */
export const FINANCE_CONTROLLERS = [OpenCostCenterController];

/**
 * The finance context behind /api/v1/finance/cost-centers: the controllers over the handlers of
 * FinanceApplicationModule (the composition root). Needs the global EventStoreModule, GatewayModule and
 * HealthModule; its projections run in ProjectionsModule (`financeProjections` of @itsm/finance-read-models).
 */
@Module({})
export class FinanceModule {
  static forRoot(options: FinanceApplicationOptions = {}): DynamicModule {
    return {
      module: FinanceModule,
      imports: [FinanceApplicationModule.forRoot(options)],
      controllers: FINANCE_CONTROLLERS,
      exports: [FinanceApplicationModule],
    };
  }
}
