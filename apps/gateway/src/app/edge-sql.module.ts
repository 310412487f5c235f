import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createPgExecutor, type SqlExecutor } from '@itsm/event-store';
import { SQL_DATABASE } from '@itsm/platform-kit';
import type { GatewayConfig } from '../config/gateway-config';

/**
 * GatewayModule's idempotency store asks for SQL_DATABASE. The edge keeps no data (it hands Idempotency-Key to the
 * service), so this is one lazily opened connection to DATABASE_URL, used only to create that store's table.
 */
@Global()
@Module({
  providers: [
    {
      provide: SQL_DATABASE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<GatewayConfig, true>): SqlExecutor => {
        const connectionString = config.get('DATABASE_URL', { infer: true });
        if (!connectionString) throw new Error('DATABASE_URL is required: the gateway conventions keep their tables in PostgreSQL');
        return createPgExecutor({ connectionString, max: 1, application_name: 'itsm-gateway' });
      },
    },
  ],
  exports: [SQL_DATABASE],
})
export class EdgeSqlModule implements OnApplicationShutdown {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlExecutor) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
