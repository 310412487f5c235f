import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { EVENT_STORE, SQL_DATABASE } from '@itsm/platform-kit';
import { CalendarCommands } from '../calendars/calendar-commands';
import { EventLogServiceDependencyGraph } from '../dependency-graph/event-log-service-dependency-graph.adapter';
import { systemClock, type Clock } from '../ports/clock.port';
import type { ServiceDependencyGraph } from '../ports/service-dependency-graph.port';
import type { ServiceNumberAllocator } from '../ports/service-number-allocator.port';
import { SqlServiceNumberAllocator } from '../service-numbers/sql-service-number-allocator.adapter';
import { ServiceCommands } from '../services/service-commands';
import { CATALOG_CLOCK, SERVICE_DEPENDENCY_GRAPH, SERVICE_NUMBER_ALLOCATOR } from './catalog-application.tokens';

export interface CatalogApplicationModuleOptions {
  /** Binds the dependency graph, e.g. to the catalog read model; default: fold the event log on each query. */
  dependencyGraph?: Pick<FactoryProvider<ServiceDependencyGraph>, 'useFactory' | 'inject'> & Pick<ModuleMetadata, 'imports'>;
  clock?: Clock;
}

/**
 * The catalog's command side: `ServiceCommands` and `CalendarCommands` on the process's event store and SQL
 * database (EVENT_STORE, SQL_DATABASE from the global EventStoreModule).
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
          useFactory: (db: SqlExecutor) => new SqlServiceNumberAllocator(db),
        },
        graph
          ? { provide: SERVICE_DEPENDENCY_GRAPH, useFactory: graph.useFactory, inject: graph.inject ?? [] }
          : {
              provide: SERVICE_DEPENDENCY_GRAPH,
              inject: [EVENT_STORE],
              useFactory: (store: EventStore) => new EventLogServiceDependencyGraph(store),
            },
        {
          provide: ServiceCommands,
          inject: [EVENT_STORE, SERVICE_NUMBER_ALLOCATOR, SERVICE_DEPENDENCY_GRAPH, CATALOG_CLOCK],
          useFactory: (store: EventStore, numbers: ServiceNumberAllocator, deps: ServiceDependencyGraph, clock: Clock) =>
            new ServiceCommands(store, numbers, deps, clock),
        },
        {
          provide: CalendarCommands,
          inject: [EVENT_STORE, CATALOG_CLOCK],
          useFactory: (store: EventStore, clock: Clock) => new CalendarCommands(store, clock),
        },
      ],
      exports: [ServiceCommands, CalendarCommands, SERVICE_NUMBER_ALLOCATOR, SERVICE_DEPENDENCY_GRAPH],
    };
  }
}
