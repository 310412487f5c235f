import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@itsm/audit-api';
import { ChangesModule } from '@itsm/changes-api';
import { changesApplicationProjections } from '@itsm/changes-application';
import { changesProjections, createChangesReadModels } from '@itsm/changes-read-models';
import { contextHostImports } from '@itsm/platform-kit';

/** Consumer group of the changes projections: its own, so it sees every partition next to the projector. */
export const CHANGES_CONSUMER_GROUP = 'changes';

/**
 * The changes process (DESIGN §1, distributed shape): its routes, its processes (the caused-incidents process) and its
 * projections: the change list and history, the schedule, and the changes' own copies of the catalog and of incidents,
 * learnt from `itsm.catalog.events.v1` and `itsm.incidents.events.v1` with KAFKA_BROKERS, never by calling those contexts.
 */
@Module({})
export class ChangesAppModule {
  /** `env`: the settings to validate (the process environment unless a spec passes its own). */
  static forRoot(env: Record<string, unknown> = process.env): DynamicModule {
    return {
      module: ChangesAppModule,
      imports: [
        ...contextHostImports({
          env,
          projections: [...changesProjections, ...changesApplicationProjections()],
          consumerGroup: CHANGES_CONSUMER_GROUP,
          // With KAFKA_BROKERS the caused-incidents process learns incident links from `itsm.incidents.events.v1`, like the copies.
          context: ChangesModule.forRoot({ readModels: createChangesReadModels, processEventsFrom: env['KAFKA_BROKERS'] ? 'message-bus' : 'event-store' }),
        }),
        // The audit routes and checkpointer over this process's own event log (the gateway's /api/v1/audit/changes/…).
        AuditModule.forRoot(),
      ],
    };
  }
}
