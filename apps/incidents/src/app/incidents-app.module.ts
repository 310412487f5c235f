import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { IncidentsModule } from '@itsm/incidents-api';
import { incidentsApplicationProjections } from '@itsm/incidents-application';
import { createIncidentReadModels, incidentProjections } from '@itsm/incidents-read-models';
import {
  EventStoreModule,
  GatewayModule,
  HealthModule,
  MessageBusModule,
  ProjectionsModule,
  validateRuntimeConfig,
} from '@itsm/platform-kit';

/** Consumer group of the incidents' projections: its own, so it sees every partition next to the projector. */
export const INCIDENTS_CONSUMER_GROUP = 'incidents';

/**
 * The incidents process (DESIGN §1, distributed shape). With KAFKA_BROKERS its projections — the incident list and
 * history, and the incidents' own copy of the catalog (offerings, SLA targets, calendars) — follow every context's
 * events topic: the catalog is learnt from `itsm.catalog.events.v1`, never by calling the catalog. Without
 * KAFKA_BROKERS they follow the event log's subscription (single host).
 */
@Module({})
export class IncidentsAppModule {
  /** `env`: the settings to validate (the process environment unless a spec passes its own). */
  static forRoot(env: Record<string, unknown> = process.env): DynamicModule {
    return {
      module: IncidentsAppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, validate: () => validateRuntimeConfig(env) }),
        EventStoreModule,
        GatewayModule.forRoot(),
        MessageBusModule,
        ProjectionsModule.forRoot([...incidentProjections, ...incidentsApplicationProjections()], {
          liveFrom: env['KAFKA_BROKERS'] ? 'message-bus' : 'event-store',
          groupId: INCIDENTS_CONSUMER_GROUP,
        }),
        IncidentsModule.forRoot({ readModels: createIncidentReadModels }),
        HealthModule,
      ],
    };
  }
}
