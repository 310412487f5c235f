import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CatalogModule } from '@itsm/catalog-api';
import { catalogProjections, createCatalogReadModels } from '@itsm/catalog-read-models';
import { IncidentsModule } from '@itsm/incidents-api';
import { incidentsApplicationProjections } from '@itsm/incidents-application';
import { createIncidentReadModels, incidentProjections } from '@itsm/incidents-read-models';
import { streamHeadsProjection } from '@itsm/projections';
import {
  EventStoreModule,
  GatewayModule,
  HealthModule,
  MessageBusModule,
  ProjectionsModule,
  RelayModule,
  validateRuntimeConfig,
} from '@itsm/platform-kit';
import { ChangesModule } from '@itsm/changes-api';
import { changesProjections } from '@itsm/changes-read-models';
import { FinanceModule } from '@itsm/finance-api';
import { AuditModule } from '@itsm/audit-api';
import { financeProjections } from '@itsm/finance-read-models';

/** The embedded all-in-one host: every context and the gateway in one process (DESIGN §1). */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateRuntimeConfig }),
    EventStoreModule,
    GatewayModule.forRoot(),
    MessageBusModule,
    RelayModule,
    // Embedded: the incidents' catalog copy is fed from the same log as everything else (distributed: from Kafka).
    ProjectionsModule.forRoot([streamHeadsProjection, ...catalogProjections, ...incidentProjections, ...incidentsApplicationProjections(), ...changesProjections, ...financeProjections]),
    HealthModule,
    CatalogModule.forRoot({ readModels: createCatalogReadModels }),
    IncidentsModule.forRoot({ readModels: createIncidentReadModels }),
    ChangesModule.forRoot(),
    FinanceModule.forRoot(),
    // The auditors' routes, the checkpointer (Merkle tree + signed checkpoints) and the background verification.
    AuditModule.forRoot(),
  ],
})
export class PlatformModule {}
