import { Module, type DynamicModule } from '@nestjs/common';
import type { SqlExecutor } from '@itsm/event-store';
import {
  ACTIVE_MAJOR_INCIDENTS,
  CAUSED_INCIDENTS,
  CHANGE_CATALOG,
  ChangesApplicationModule,
  type ActiveMajorIncidents,
  type CausedIncidents,
  type ChangeCatalog,
  type ChangesApplicationOptions,
} from '@itsm/changes-application';
import { SQL_DATABASE } from '@itsm/platform-kit';
import { ChangeConflictsController } from './change-conflicts/change-conflicts.controller';
import { ChangeScheduleController } from './change-schedule/change-schedule.controller';
import { DeclareFreezeWindowController } from './declare-freeze-window/declare-freeze-window.controller';
import { GetFreezeWindowController } from './get-freeze-window/get-freeze-window.controller';
import { LiftFreezeWindowController } from './lift-freeze-window/lift-freeze-window.controller';
import { ListFreezeWindowsController } from './list-freeze-windows/list-freeze-windows.controller';
import { RaiseChangeController } from './raise-change/raise-change.controller';
import { ChangesErrorsInterceptor } from './shared/changes-errors.interceptor';
import { CHANGES_READ_MODELS, type ChangesReadModelsFactory } from './shared/changes-read-models.port';
import { ScheduleConsistency } from './shared/schedule-consistency';
import { RiskBacktestController } from './risk-backtest/risk-backtest.controller';
import { DeliveryConsistency } from './service-dora/delivery-consistency';
import { ServiceDoraController } from './service-dora/service-dora.controller';

/**
 * One controller per use case (`src/<use-case>/`). Fixed paths before parameterised ones: `GET /changes/schedule`
 * must be registered before any `GET /changes/:id` route, or `schedule` would be taken for an id.
 */
export const CHANGES_CONTROLLERS = [
  ChangeScheduleController,
  RiskBacktestController,
  RaiseChangeController,
  ChangeConflictsController,
  DeclareFreezeWindowController,
  ListFreezeWindowsController,
  GetFreezeWindowController,
  LiftFreezeWindowController,
  ServiceDoraController,
];

export interface ChangesModuleOptions extends ChangesApplicationOptions {
  /** `createChangesReadModels` from @itsm/changes-read-models (the host joins the two libs). */
  readModels: ChangesReadModelsFactory;
}

/**
 * The changes context behind /api/v1/changes and /api/v1/freeze-windows: the controllers over the handlers of
 * ChangesApplicationModule (the composition root) and the read models (schedule, conflicts, freeze windows), which
 * read the application's copies of the catalog and of incidents. Needs the global EventStoreModule, GatewayModule
 * and HealthModule; the projections run in ProjectionsModule (`changesProjections` of @itsm/changes-read-models and
 * `changesApplicationProjections()` of @itsm/changes-application).
 */
@Module({})
export class ChangesModule {
  static forRoot(options: ChangesModuleOptions): DynamicModule {
    const { readModels, ...application } = options;
    return {
      module: ChangesModule,
      imports: [ChangesApplicationModule.forRoot(application)],
      controllers: CHANGES_CONTROLLERS,
      providers: [
        {
          provide: CHANGES_READ_MODELS,
          inject: [SQL_DATABASE, CHANGE_CATALOG, ACTIVE_MAJOR_INCIDENTS, CAUSED_INCIDENTS],
          useFactory: (db: SqlExecutor, catalog: ChangeCatalog, majorIncidents: ActiveMajorIncidents, causedIncidents: CausedIncidents) =>
            readModels({ db, sources: { catalog, majorIncidents, causedIncidents } }),
        },
        ScheduleConsistency,
        DeliveryConsistency,
        ChangesErrorsInterceptor,
      ],
      exports: [ChangesApplicationModule, CHANGES_READ_MODELS],
    };
  }
}
