import { Module, type DynamicModule } from '@nestjs/common';
import { systemClock, type Clock } from '@itsm/event-sourcing';
import { RaiseChangeHandler } from '../raise-change/raise-change.handler';
import { CHANGES_CLOCK } from './changes-application.tokens';

/** One handler per use case (the api has one folder each). */
export const CHANGES_HANDLERS = [RaiseChangeHandler] as const;

export interface ChangesApplicationOptions {
  /** Default: the system clock. Tests pass a clock they set by hand. */
  clock?: Clock;
}

/**
 * The changes composition root: the handlers on the kernel's write pipeline, ports bound to adapters, and the
 * context's processes when it has some. Needs the global EventStoreModule (WRITE_PIPELINE, SQL_DATABASE).
 */
@Module({})
export class ChangesApplicationModule {
  static forRoot(options: ChangesApplicationOptions = {}): DynamicModule {
    return {
      module: ChangesApplicationModule,
      providers: [{ provide: CHANGES_CLOCK, useValue: options.clock ?? systemClock }, ...CHANGES_HANDLERS],
      exports: [...CHANGES_HANDLERS, CHANGES_CLOCK],
    };
  }
}
