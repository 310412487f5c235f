import { Module, type DynamicModule } from '@nestjs/common';
import type { SqlExecutor } from '@itsm/event-store';
import { IncidentsApplicationModule, type IncidentsApplicationOptions } from '@itsm/incidents-application';
import { SQL_DATABASE } from '@itsm/platform-kit';
import { INCIDENTS_CONTROLLERS } from './incidents.controllers';
import { IncidentResource } from './shared/incident-resource';
import { IncidentRefs } from './shared/incident-refs';
import type { IncidentReadModelsFactory } from './shared/incident-read-models.port';
import { IncidentsErrorsInterceptor } from './shared/incidents-errors.interceptor';
import { INCIDENT_READ_MODELS } from './shared/incidents.tokens';

export interface IncidentsModuleOptions extends IncidentsApplicationOptions {
  /** `createIncidentReadModels` from @itsm/incidents-read-models (the host joins the two libs). */
  readModels: IncidentReadModelsFactory;
}

/**
 * Incidents behind /api/v1/incidents: the controllers (one folder per use case), over the application's handlers
 * (IncidentsApplicationModule: the composition root, with the SLA scheduler and the incident-hierarchy process),
 * and the read models for lists and history. Needs the global EventStoreModule, GatewayModule and HealthModule; the
 * projections run in ProjectionsModule (`incidentProjections`, `incidentsApplicationProjections()`).
 */
@Module({})
export class IncidentsModule {
  static forRoot(options: IncidentsModuleOptions): DynamicModule {
    const { readModels, ...application } = options;
    return {
      module: IncidentsModule,
      imports: [IncidentsApplicationModule.forRoot(application)],
      controllers: INCIDENTS_CONTROLLERS,
      providers: [
        { provide: INCIDENT_READ_MODELS, inject: [SQL_DATABASE], useFactory: (db: SqlExecutor) => readModels({ db }) },
        IncidentResource,
        IncidentRefs,
        IncidentsErrorsInterceptor,
      ],
      exports: [IncidentsApplicationModule, INCIDENT_READ_MODELS],
    };
  }
}
