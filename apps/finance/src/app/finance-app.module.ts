import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { FinanceModule } from '@itsm/finance-api';
import { financeProjections } from '@itsm/finance-read-models';
import {
  EventStoreModule,
  GatewayModule,
  HealthModule,
  MessageBusModule,
  ProjectionsModule,
  validateRuntimeConfig,
} from '@itsm/platform-kit';

/** Consumer group of the finance projections: its own, so it sees every partition next to the projector. */
export const FINANCE_CONSUMER_GROUP = 'finance';

/**
 * The finance process (DESIGN §1, distributed shape): its routes, its processes and its projections. With
 * KAFKA_BROKERS the projections follow the events topics (other contexts are learnt from their events, never by
 * calling them); without, they follow the event log's subscription (single host).
 */
@Module({})
export class FinanceAppModule {
  /** `env`: the settings to validate (the process environment unless a spec passes its own). */
  static forRoot(env: Record<string, unknown> = process.env): DynamicModule {
    return {
      module: FinanceAppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, validate: () => validateRuntimeConfig(env) }),
        EventStoreModule,
        GatewayModule.forRoot(),
        MessageBusModule,
        ProjectionsModule.forRoot([...financeProjections], {
          liveFrom: env['KAFKA_BROKERS'] ? 'message-bus' : 'event-store',
          groupId: FINANCE_CONSUMER_GROUP,
        }),
        FinanceModule.forRoot(),
        HealthModule,
      ],
    };
  }
}
