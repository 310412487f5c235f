import { Module, type DynamicModule } from '@nestjs/common';
import { systemClock, type Clock } from '@itsm/event-sourcing';
import type { SqlExecutor } from '@itsm/event-store';
import { SQL_DATABASE } from '@itsm/platform-kit';
import { DEFAULT_CHANGES_SCHEMA, SqlChangeNumberAllocator } from '../adapters/sql-change-number-allocator.adapter';
import { RaiseChangeHandler } from '../raise-change/raise-change.handler';
import { CHANGE_NUMBERS, CHANGES_CLOCK } from './changes-application.tokens';

/** One handler per use case (the api has one folder each). */
export const CHANGES_HANDLERS = [RaiseChangeHandler] as const;

export interface ChangesApplicationOptions {
  /** Default: the system clock. Tests pass a clock they set by hand. */
  clock?: Clock;
  /** Schema of the CHG number sequence; default `changes`. */
  changesSchema?: string;
}

/**
 * The changes composition root: the handlers on the kernel's write pipeline, ports bound to adapters, and the
 * context's processes when it has some. Needs the global EventStoreModule (WRITE_PIPELINE, SQL_DATABASE).
 */
@Module({})
export class ChangesApplicationModule {
  static forRoot(options: ChangesApplicationOptions = {}): DynamicModule {
    const changesSchema = options.changesSchema ?? DEFAULT_CHANGES_SCHEMA;
    return {
      module: ChangesApplicationModule,
      providers: [
        { provide: CHANGES_CLOCK, useValue: options.clock ?? systemClock },
        { provide: CHANGE_NUMBERS, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlChangeNumberAllocator(db, changesSchema) },
        ...CHANGES_HANDLERS,
      ],
      exports: [...CHANGES_HANDLERS, CHANGES_CLOCK],
    };
  }
}
