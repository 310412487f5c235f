import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import type { WritePipeline } from '@itsm/event-sourcing';
import { EVENT_STORE, SQL_DATABASE, WRITE_PIPELINE } from '@itsm/platform-kit';
import { AddChangeTemplateHandler } from '../add-change-template/add-change-template.handler';
import { AddDependencyHandler } from '../add-dependency/add-dependency.handler';
import { AddOfferingHandler } from '../add-offering/add-offering.handler';
import { EventLogServiceDependencyGraph } from '../adapters/event-log-service-dependency-graph.adapter';
import { SqlCalendarNumberAllocator } from '../adapters/sql-calendar-number-allocator.adapter';
import { SqlServiceNumberAllocator } from '../adapters/sql-service-number-allocator.adapter';
import { CalendarStreams } from '../calendar-stream/calendar-streams';
import { CreateCalendarHandler } from '../create-calendar/create-calendar.handler';
import { systemClock, type Clock } from '../ports/clock.port';
import type { ServiceDependencyGraph } from '../ports/service-dependency-graph.port';
import { RegisterServiceHandler } from '../register-service/register-service.handler';
import { RemoveDependencyHandler } from '../remove-dependency/remove-dependency.handler';
import { RemoveOfferingHandler } from '../remove-offering/remove-offering.handler';
import { RetireServiceHandler } from '../retire-service/retire-service.handler';
import { ServiceStreams } from '../service-stream/service-streams';
import { SetCostModelHandler } from '../set-cost-model/set-cost-model.handler';
import { SetMaintenanceWindowsHandler } from '../set-maintenance-windows/set-maintenance-windows.handler';
import { TakeServiceLiveHandler } from '../take-service-live/take-service-live.handler';
import { UpdateCalendarHandler } from '../update-calendar/update-calendar.handler';
import { UpdateOfferingHandler } from '../update-offering/update-offering.handler';
import { UpdateServiceHandler } from '../update-service/update-service.handler';
import { CALENDAR_NUMBER_ALLOCATOR, CATALOG_CLOCK, SERVICE_DEPENDENCY_GRAPH, SERVICE_NUMBER_ALLOCATOR } from './catalog-application.tokens';

/** One handler per use case (the api has one folder each). */
export const CATALOG_HANDLERS = [
  RegisterServiceHandler,
  UpdateServiceHandler,
  TakeServiceLiveHandler,
  RetireServiceHandler,
  AddOfferingHandler,
  UpdateOfferingHandler,
  RemoveOfferingHandler,
  SetCostModelHandler,
  SetMaintenanceWindowsHandler,
  AddChangeTemplateHandler,
  AddDependencyHandler,
  RemoveDependencyHandler,
  CreateCalendarHandler,
  UpdateCalendarHandler,
] as const;

export interface CatalogApplicationModuleOptions {
  /** Binds the dependency graph, e.g. to the catalog read model; default: fold the event log on each query. */
  dependencyGraph?: Pick<FactoryProvider<ServiceDependencyGraph>, 'useFactory' | 'inject'> & Pick<ModuleMetadata, 'imports'>;
  clock?: Clock;
  /** Schema of the SVC and CAL number sequences (`service_numbers`, `calendar_numbers`); default `catalog`. */
  catalogSchema?: string;
}

/**
 * The catalog's composition root: ports bound to adapters on the process's SQL database and the handlers on the
 * kernel's write pipeline. Needs the global EventStoreModule (WRITE_PIPELINE, EXCLUSIVE_SECTIONS, SQL_DATABASE).
 * The catalog has no processes of its own: it reacts to no other context.
 */
@Module({})
export class CatalogApplicationModule {
  static forRoot(options: CatalogApplicationModuleOptions = {}): DynamicModule {
    const graph = options.dependencyGraph;
    return {
      module: CatalogApplicationModule,
      imports: graph?.imports ?? [],
      providers: [
        { provide: CATALOG_CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: SERVICE_NUMBER_ALLOCATOR,
          inject: [SQL_DATABASE],
          useFactory: (db: SqlExecutor) => new SqlServiceNumberAllocator(db, options.catalogSchema),
        },
        {
          provide: CALENDAR_NUMBER_ALLOCATOR,
          inject: [SQL_DATABASE],
          useFactory: (db: SqlExecutor) => new SqlCalendarNumberAllocator(db, options.catalogSchema),
        },
        graph
          ? { provide: SERVICE_DEPENDENCY_GRAPH, useFactory: graph.useFactory, inject: graph.inject ?? [] }
          : {
              provide: SERVICE_DEPENDENCY_GRAPH,
              inject: [EVENT_STORE],
              useFactory: (store: EventStore) => new EventLogServiceDependencyGraph(store),
            },
        { provide: ServiceStreams, inject: [WRITE_PIPELINE, CATALOG_CLOCK], useFactory: (pipeline: WritePipeline, clock: Clock) => new ServiceStreams(pipeline, clock) },
        { provide: CalendarStreams, inject: [WRITE_PIPELINE, CATALOG_CLOCK], useFactory: (pipeline: WritePipeline, clock: Clock) => new CalendarStreams(pipeline, clock) },
        ...CATALOG_HANDLERS,
      ],
      exports: [...CATALOG_HANDLERS, ServiceStreams, CalendarStreams, SERVICE_NUMBER_ALLOCATOR, CALENDAR_NUMBER_ALLOCATOR, SERVICE_DEPENDENCY_GRAPH],
    };
  }
}
