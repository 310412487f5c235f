import { Module, type DynamicModule } from '@nestjs/common';
import { CHANGE_QUERIES, ChangesApplicationModule, type ChangesApplicationOptions } from '@itsm/changes-application';
import { CHANGES_CONTROLLERS } from './changes.controllers';
import { ChangeRefs } from './shared/change-refs';
import { ChangeResource } from './shared/change-resource';
import { ChangesErrorsInterceptor } from './shared/changes-errors.interceptor';
import { CHANGES_READ_MODELS, type ChangesReadModelsFactory } from './shared/changes-read-models.port';
import { ScheduleConsistency } from './shared/schedule-consistency';
import { DeliveryConsistency } from './service-dora/delivery-consistency';

export { CHANGES_CONTROLLERS } from './changes.controllers';

export interface ChangesModuleOptions extends ChangesApplicationOptions {
  /** `createChangesReadModels` from @itsm/changes-read-models (the host joins the two libs). */
  readModels: ChangesReadModelsFactory;
}

/**
 * The changes context behind /api/v1/changes and /api/v1/freeze-windows: the controllers over the handlers of
 * ChangesApplicationModule (the composition root, with the policies and the caused-incidents process) and the read
 * models (list, history, schedule, conflicts, freeze windows), built once by the application module from the host's
 * factory with the application's copies of the catalog and of incidents. Needs the global EventStoreModule,
 * GatewayModule, ConfigModule and HealthModule; the projections run in ProjectionsModule (`changesProjections` of
 * @itsm/changes-read-models and `changesApplicationProjections()` of @itsm/changes-application).
 */
@Module({})
export class ChangesModule {
  static forRoot(options: ChangesModuleOptions): DynamicModule {
    const { readModels, ...application } = options;
    return {
      module: ChangesModule,
      imports: [ChangesApplicationModule.forRoot({ ...application, queries: readModels })],
      controllers: CHANGES_CONTROLLERS,
      providers: [
        // One instance serves the handlers' queries and the routes' reads: the factory's object is both.
        { provide: CHANGES_READ_MODELS, useExisting: CHANGE_QUERIES },
        ChangeResource,
        ChangeRefs,
        ScheduleConsistency,
        DeliveryConsistency,
        ChangesErrorsInterceptor,
      ],
      exports: [ChangesApplicationModule, CHANGES_READ_MODELS],
    };
  }
}
