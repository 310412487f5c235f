import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@itsm/audit-api';
import { IncidentsModule } from '@itsm/incidents-api';
import { incidentsApplicationProjections } from '@itsm/incidents-application';
import { createIncidentReadModels, incidentProjections } from '@itsm/incidents-read-models';
import { contextHostImports } from '@itsm/platform-kit';
import { eventStreamSettingsFrom, ServerSentEventsModule } from '@itsm/server-sent-events';

/** Consumer group of the incidents' projections: its own, so it sees every partition next to the projector. */
export const INCIDENTS_CONSUMER_GROUP = 'incidents';

/**
 * The incidents process (DESIGN §1, distributed shape). Its projections are the incident list and history, the
 * incidents' own copy of the catalog (offerings, SLA targets, calendars), learnt from `itsm.catalog.events.v1`, and of
 * changes (each change's id and number, for links), learnt from `itsm.changes.events.v1`, with KAFKA_BROKERS: never
 * by calling the catalog or changes.
 */
@Module({})
export class IncidentsAppModule {
  /** `env`: the settings to validate (the process environment unless a spec passes its own). */
  static forRoot(env: Record<string, unknown> = process.env): DynamicModule {
    return {
      module: IncidentsAppModule,
      imports: [
        ...contextHostImports({
          env,
          projections: [...incidentProjections, ...incidentsApplicationProjections()],
          consumerGroup: INCIDENTS_CONSUMER_GROUP,
          context: IncidentsModule.forRoot({ readModels: createIncidentReadModels }),
        }),
        // GET /api/v1/events for the gateway: this process reads the event log (decrypting personal fields) and its
        // incident list knows each incident's caller.
        ServerSentEventsModule.forRoot(eventStreamSettingsFrom(env)),
        // The audit routes and checkpointer over this process's own event log (the gateway's /api/v1/audit/incidents/…).
        AuditModule.forRoot(),
      ],
    };
  }
}
