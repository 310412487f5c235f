import { Module, type DynamicModule } from '@nestjs/common';
import { systemClock, type Clock, type WritePipeline } from '@itsm/event-sourcing';
import type { SqlExecutor } from '@itsm/event-store';
import { SQL_DATABASE, WRITE_PIPELINE } from '@itsm/platform-kit';
import { DEFAULT_READ_MODEL_LOCATION, type Projection } from '@itsm/projections';
import { DEFAULT_CHANGES_SCHEMA, SqlChangeNumberAllocator } from '../adapters/sql-change-number-allocator.adapter';
import { DeclareFreezeWindowHandler } from '../declare-freeze-window/declare-freeze-window.handler';
import { changesCatalogProjection } from '../foreign/catalog-copy/changes-catalog.projection';
import { SqlChangeCatalog } from '../foreign/catalog-copy/sql-change-catalog.adapter';
import { ChangesCopyPositions } from '../foreign/changes-copies.positions';
import { changesIncidentsProjection } from '../foreign/incidents-copy/changes-incidents.projection';
import { SqlChangeIncidents } from '../foreign/incidents-copy/sql-change-incidents.adapter';
import { FreezeWindowStreams } from '../freeze-window-stream/freeze-window-streams';
import { LiftFreezeWindowHandler } from '../lift-freeze-window/lift-freeze-window.handler';
import { RaiseChangeHandler } from '../raise-change/raise-change.handler';
import { ACTIVE_MAJOR_INCIDENTS, CAUSED_INCIDENTS, CHANGE_CATALOG, CHANGE_NUMBERS, CHANGES_CLOCK } from './changes-application.tokens';

/** One handler per use case (the api has one folder each). */
export const CHANGES_HANDLERS = [RaiseChangeHandler, DeclareFreezeWindowHandler, LiftFreezeWindowHandler] as const;

/**
 * Projections a changes host must run besides the change read models: the changes' own copies of the catalog and of
 * incidents (fed by those contexts' events: from the log embedded, from Kafka distributed). Their tables live in the
 * runtime's read-model schema, where `SqlChangeCatalog` and `SqlChangeIncidents` read them.
 */
export const changesApplicationProjections = (): readonly Projection[] => [changesCatalogProjection, changesIncidentsProjection];

export interface ChangesApplicationOptions {
  /** Default: the system clock. Tests pass a clock they set by hand. */
  clock?: Clock;
  /** Schema of the CHG number sequence; default `changes`. */
  changesSchema?: string;
  /** Schema of the projections this context needs (the copies of the catalog and of incidents): the projection runtime's. */
  readModelSchema?: string;
}

/**
 * The changes composition root: the handlers on the kernel's write pipeline, ports bound to adapters, and the
 * context's processes when it has some. Needs the global EventStoreModule (WRITE_PIPELINE, SQL_DATABASE).
 */
@Module({})
export class ChangesApplicationModule {
  static forRoot(options: ChangesApplicationOptions = {}): DynamicModule {
    const changesSchema = options.changesSchema ?? DEFAULT_CHANGES_SCHEMA;
    const readModelSchema = options.readModelSchema ?? DEFAULT_READ_MODEL_LOCATION.schema;
    return {
      module: ChangesApplicationModule,
      providers: [
        { provide: CHANGES_CLOCK, useValue: options.clock ?? systemClock },
        { provide: CHANGE_NUMBERS, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlChangeNumberAllocator(db, changesSchema) },
        { provide: CHANGE_CATALOG, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlChangeCatalog(db, readModelSchema) },
        { provide: SqlChangeIncidents, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new SqlChangeIncidents(db, readModelSchema) },
        { provide: ACTIVE_MAJOR_INCIDENTS, useExisting: SqlChangeIncidents },
        { provide: CAUSED_INCIDENTS, useExisting: SqlChangeIncidents },
        { provide: ChangesCopyPositions, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => new ChangesCopyPositions(db) },
        {
          provide: FreezeWindowStreams,
          inject: [WRITE_PIPELINE, CHANGES_CLOCK],
          useFactory: (pipeline: WritePipeline, clock: Clock) => new FreezeWindowStreams(pipeline, clock),
        },
        ...CHANGES_HANDLERS,
      ],
      exports: [...CHANGES_HANDLERS, CHANGES_CLOCK, CHANGE_CATALOG, ACTIVE_MAJOR_INCIDENTS, CAUSED_INCIDENTS, ChangesCopyPositions, FreezeWindowStreams],
    };
  }
}
