import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ChangesModule } from '@itsm/changes-api';
import { changesProjections } from '@itsm/changes-read-models';
import {
  EventStoreModule,
  GatewayModule,
  HealthModule,
  MessageBusModule,
  ProjectionsModule,
  validateRuntimeConfig,
} from '@itsm/platform-kit';

/** Consumer group of the changes projections: its own, so it sees every partition next to the projector. */
export const CHANGES_CONSUMER_GROUP = 'changes';

/**
 * The changes process (DESIGN §1, distributed shape): its routes, its processes and its projections. With
 * KAFKA_BROKERS the projections follow the events topics (other contexts are learnt from their events, never by
 * calling them); without, they follow the event log's subscription (single host).
 */
@Module({})
export class ChangesAppModule {
  /** `env`: the settings to validate (the process environment unless a spec passes its own). */
  static forRoot(env: Record<string, unknown> = process.env): DynamicModule {
    return {
      module: ChangesAppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, validate: () => validateRuntimeConfig(env) }),
        EventStoreModule,
        GatewayModule.forRoot(),
        MessageBusModule,
        ProjectionsModule.forRoot([...changesProjections], {
          liveFrom: env['KAFKA_BROKERS'] ? 'message-bus' : 'event-store',
          groupId: CHANGES_CONSUMER_GROUP,
        }),
        ChangesModule.forRoot(),
        HealthModule,
      ],
    };
  }
}
