import { type DynamicModule, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { ProjectionRuntime, type Projection } from '@itsm/projections';
import { EVENT_STORE, SQL_DATABASE } from '../event-store/event-store.token';
import { ProjectionsController } from './projections.controller';
import { PROJECTION_RUNTIME } from './projection-runtime.token';

/** Runs the given projections from the event log while the app runs; `/admin/projections` shows and rebuilds them. */
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(PROJECTION_RUNTIME) private readonly runtime: ProjectionRuntime) {}

  static forRoot(projections: readonly Projection[]): DynamicModule {
    return {
      module: ProjectionsModule,
      controllers: [ProjectionsController],
      providers: [
        {
          provide: PROJECTION_RUNTIME,
          inject: [SQL_DATABASE, EVENT_STORE],
          useFactory: (db: SqlExecutor, source: EventStore) => ProjectionRuntime.create({ db, source, projections }),
        },
      ],
      exports: [PROJECTION_RUNTIME],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}
