import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuditModule } from '@itsm/audit-api';
import { CatalogModule } from '@itsm/catalog-api';
import { catalogProjections, createCatalogReadModels } from '@itsm/catalog-read-models';
import { EventStoreModule, GatewayModule, HealthModule, ProjectionsModule, validateRuntimeConfig } from '@itsm/platform-kit';

/**
 * The service-catalog process (DESIGN §1, distributed and single-host shapes): the catalog API behind the same
 * gateway conventions as the embedded host, its projections in process (lists read its own writes through
 * X-Wait-For-Position), on the event log of EVENTSTORE_URL or DATABASE_URL.
 */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateRuntimeConfig }),
    EventStoreModule,
    GatewayModule.forRoot(),
    ProjectionsModule.forRoot(catalogProjections),
    CatalogModule.forRoot({ readModels: createCatalogReadModels }),
    // The audit routes and checkpointer over this process's own event log (the gateway's /api/v1/audit/catalog/…).
    AuditModule.forRoot(),
    HealthModule,
  ],
})
export class ServiceCatalogModule {}
