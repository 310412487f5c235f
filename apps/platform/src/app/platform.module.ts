import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CatalogModule } from '@itsm/catalog-api';
import { catalogProjections, createCatalogReadModels } from '@itsm/catalog-read-models';
import { IncidentsModule } from '@itsm/incidents-api';
import { incidentsApplicationProjections } from '@itsm/incidents-application';
import { createIncidentReadModels, incidentProjections } from '@itsm/incidents-read-models';
import { streamHeadsProjection } from '@itsm/projections';
import {
  ConsoleConfigModule,
  EventStoreModule,
  GatewayModule,
  HealthModule,
  MessageBusModule,
  ProjectionsModule,
  RelayModule,
  validateRuntimeConfig,
} from '@itsm/platform-kit';
import { ChangesModule } from '@itsm/changes-api';
import { changesApplicationProjections } from '@itsm/changes-application';
import { changesProjections, createChangesReadModels } from '@itsm/changes-read-models';
import { FinanceModule } from '@itsm/finance-api';
import { financeApplicationProjections } from '@itsm/finance-application';
import { createFinanceReadModels, financeProjections } from '@itsm/finance-read-models';
import { AuditModule } from '@itsm/audit-api';
import { ServerSentEventsModule } from '@itsm/server-sent-events';

/** The embedded all-in-one host: every context and the gateway in one process (DESIGN §1). */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateRuntimeConfig }),
    EventStoreModule,
    GatewayModule.forRoot(),
    MessageBusModule,
    RelayModule,
    // Embedded: the incidents', changes' and finance's copies of other contexts are fed from the same log as everything else
    // (distributed: from Kafka).
    ProjectionsModule.forRoot([
      streamHeadsProjection,
      ...catalogProjections,
      ...incidentProjections,
      ...incidentsApplicationProjections(),
      ...changesProjections,
      ...changesApplicationProjections(),
      ...financeProjections,
      ...financeApplicationProjections(),
    ]),
    HealthModule,
    CatalogModule.forRoot({ readModels: createCatalogReadModels }),
    IncidentsModule.forRoot({ readModels: createIncidentReadModels }),
    ChangesModule.forRoot({ readModels: createChangesReadModels }),
    FinanceModule.forRoot({ readModels: createFinanceReadModels }),
    // The auditors' routes, the checkpointer (Merkle tree + signed checkpoints) and the background verification.
    AuditModule.forRoot(),
    // GET /api/v1/console/config: the identity provider the web console signs in with.
    ConsoleConfigModule,
    // GET /api/v1/events: the log as server-sent events, for the console and downstream systems without Kafka.
    ServerSentEventsModule.forRoot(),
  ],
})
export class PlatformModule {}
