import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@itsm/audit-api';
import { FinanceModule } from '@itsm/finance-api';
import { financeApplicationProjections } from '@itsm/finance-application';
import { createFinanceReadModels, financeProjections } from '@itsm/finance-read-models';
import { contextHostImports } from '@itsm/platform-kit';

/** Consumer group of the finance projections: its own, so it sees every partition next to the projector. */
export const FINANCE_CONSUMER_GROUP = 'finance';

/** The finance process (DESIGN §1, distributed shape): its routes, its processes and its projections. */
@Module({})
export class FinanceAppModule {
  /** `env`: the settings to validate (the process environment unless a spec passes its own). */
  static forRoot(env: Record<string, unknown> = process.env): DynamicModule {
    return {
      module: FinanceAppModule,
      imports: [
        ...contextHostImports({
          env,
          // Finance's read models, and the directory and copies of the catalog and incidents its handlers read (from Kafka when KAFKA_BROKERS).
          projections: [...financeProjections, ...financeApplicationProjections()],
          consumerGroup: FINANCE_CONSUMER_GROUP,
          // With KAFKA_BROKERS the service-credit process learns SLA breaches from `itsm.incidents.events.v1`, like the copies.
          context: FinanceModule.forRoot({ readModels: createFinanceReadModels, env, processEventsFrom: env['KAFKA_BROKERS'] ? 'message-bus' : 'event-store' }),
        }),
        // The audit routes and checkpointer over this process's own event log (the gateway's /api/v1/audit/finance/…).
        AuditModule.forRoot(),
      ],
    };
  }
}
