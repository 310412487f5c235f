import { Module, type DynamicModule } from '@nestjs/common';
import { systemClock, type Clock } from '@itsm/event-sourcing';
import { OpenCostCenterHandler } from '../open-cost-center/open-cost-center.handler';
import { FINANCE_CLOCK } from './finance-application.tokens';

/** One handler per use case (the api has one folder each). */
export const FINANCE_HANDLERS = [OpenCostCenterHandler] as const;

export interface FinanceApplicationOptions {
  /** Default: the system clock. Tests pass a clock they set by hand. */
  clock?: Clock;
}

/**
 * The finance composition root: the handlers on the kernel's write pipeline, ports bound to adapters, and the
 * context's processes when it has some. Needs the global EventStoreModule (WRITE_PIPELINE, SQL_DATABASE).
 */
@Module({})
export class FinanceApplicationModule {
  static forRoot(options: FinanceApplicationOptions = {}): DynamicModule {
    return {
      module: FinanceApplicationModule,
      providers: [{ provide: FINANCE_CLOCK, useValue: options.clock ?? systemClock }, ...FINANCE_HANDLERS],
      exports: [...FINANCE_HANDLERS, FINANCE_CLOCK],
    };
  }
}
