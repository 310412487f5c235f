import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { CatalogApplicationModule } from '@itsm/catalog-application';
import { EVENT_STORE, SQL_DATABASE } from '@itsm/platform-kit';
import { AddChangeTemplateController } from './add-change-template/add-change-template.controller';
import { AddDependencyController } from './add-dependency/add-dependency.controller';
import { AddOfferingController } from './add-offering/add-offering.controller';
import { CreateCalendarController } from './create-calendar/create-calendar.controller';
import { GetCalendarController } from './get-calendar/get-calendar.controller';
import { GetMaintenanceWindowsController } from './get-maintenance-windows/get-maintenance-windows.controller';
import { GetServiceController } from './get-service/get-service.controller';
import { ListCalendarsController } from './list-calendars/list-calendars.controller';
import { ListChangeTemplatesController } from './list-change-templates/list-change-templates.controller';
import { ListOfferingsController } from './list-offerings/list-offerings.controller';
import { ListServicesController } from './list-services/list-services.controller';
import { RegisterServiceController } from './register-service/register-service.controller';
import { RemoveDependencyController } from './remove-dependency/remove-dependency.controller';
import { RemoveOfferingController } from './remove-offering/remove-offering.controller';
import { RetireServiceController } from './retire-service/retire-service.controller';
import { ServiceImpactController } from './service-impact/service-impact.controller';
import { SetCostModelController } from './set-cost-model/set-cost-model.controller';
import { SetMaintenanceWindowsController } from './set-maintenance-windows/set-maintenance-windows.controller';
import { CalendarResource } from './shared/calendar-resource';
import { CatalogErrorsFilter } from './shared/catalog-errors.filter';
import { CATALOG_READ_MODELS, type CatalogReadModelsFactory, type CatalogReadModelsPort } from './shared/catalog-read-models.port';
import { ServiceResource } from './shared/service-resource';
import { TakeServiceLiveController } from './take-service-live/take-service-live.controller';
import { UpdateCalendarController } from './update-calendar/update-calendar.controller';
import { UpdateOfferingController } from './update-offering/update-offering.controller';
import { UpdateServiceController } from './update-service/update-service.controller';

export interface CatalogModuleOptions {
  /** `createCatalogReadModels` from @itsm/catalog-read-models (the host joins the two libs). */
  readModels: CatalogReadModelsFactory;
}

/** Provides the read models once, to the controllers and to the application's dependency graph port. */
@Module({})
class CatalogReadModelsModule {
  static forRoot(factory: CatalogReadModelsFactory): DynamicModule {
    return {
      module: CatalogReadModelsModule,
      providers: [
        {
          provide: CATALOG_READ_MODELS,
          inject: [SQL_DATABASE, EVENT_STORE],
          useFactory: (db: SqlExecutor, store: EventStore) => factory({ db, store }),
        },
      ],
      exports: [CATALOG_READ_MODELS],
    };
  }
}

export const CATALOG_CONTROLLERS = [
  RegisterServiceController,
  ListServicesController,
  GetServiceController,
  UpdateServiceController,
  TakeServiceLiveController,
  RetireServiceController,
  ServiceImpactController,
  AddDependencyController,
  RemoveDependencyController,
  AddOfferingController,
  ListOfferingsController,
  UpdateOfferingController,
  RemoveOfferingController,
  SetCostModelController,
  SetMaintenanceWindowsController,
  GetMaintenanceWindowsController,
  AddChangeTemplateController,
  ListChangeTemplatesController,
  CreateCalendarController,
  ListCalendarsController,
  GetCalendarController,
  UpdateCalendarController,
];

/**
 * The service catalog behind /api/v1 (services, offerings, calendars, dependencies, impact, cost model, change
 * templates, maintenance windows): controllers, the application's command side, and the read-model queries. Needs the global
 * EventStoreModule and GatewayModule; the catalog projections run in ProjectionsModule (see the README).
 */
@Module({})
export class CatalogModule {
  static forRoot(options: CatalogModuleOptions): DynamicModule {
    const readModels = CatalogReadModelsModule.forRoot(options.readModels);
    return {
      module: CatalogModule,
      imports: [
        readModels,
        CatalogApplicationModule.forRoot({
          dependencyGraph: {
            imports: [readModels],
            inject: [CATALOG_READ_MODELS],
            useFactory: (models: CatalogReadModelsPort) => models.dependencyGraph,
          },
        }),
      ],
      controllers: CATALOG_CONTROLLERS,
      providers: [ServiceResource, CalendarResource, CatalogErrorsFilter],
      exports: [readModels],
    };
  }
}
