import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { RuntimeConfig } from '../config/runtime-config';
import { MetricsModule } from '../observability/metrics.module';
import { StructuredLoggingModule } from '../observability/logging.module';
import { AuthenticationGuard } from './auth/authentication.guard';
import { Authenticator } from './auth/authenticator';
import { AuthorizationGuard } from './auth/authorization.guard';
import { ETagInterceptor } from './concurrency/etag.interceptor';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { CallerThrottlerGuard } from './rate-limit/caller-throttler.guard';

/**
 * The gateway conventions' parts (auth, rate limit, idempotency store, ETag, problem details, metrics, JSON logs),
 * configured from RuntimeConfig. Needs ConfigModule and SQL_DATABASE (EventStoreModule) in the app;
 * `applyGatewayConventions(app)` puts the parts in front of the HTTP routes.
 */
@Module({})
export class GatewayModule {
  static forRoot(): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      imports: [
        MetricsModule,
        StructuredLoggingModule,
        ThrottlerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<RuntimeConfig, true>) => {
            const limit = config.get('ITSM_RATE_LIMIT', { infer: true });
            return {
              throttlers: [{ name: 'default', limit, ttl: config.get('ITSM_RATE_LIMIT_WINDOW_SECONDS', { infer: true }) * 1000 }],
              skipIf: () => limit === 0,
            };
          },
        }),
      ],
      providers: [
        Authenticator,
        AuthenticationGuard,
        AuthorizationGuard,
        CallerThrottlerGuard,
        ProblemDetailsFilter,
        ETagInterceptor,
        IdempotencyStore,
        IdempotencyInterceptor,
      ],
      exports: [Authenticator, MetricsModule],
    };
  }
}
