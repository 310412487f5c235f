import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { RuntimeConfig } from '../config/runtime-config';
import { MetricsModule } from '../observability/metrics.module';
import { StructuredLoggingModule } from '../observability/logging.module';
import { AuthenticationGuard } from './auth/authentication.guard';
import { Authenticator } from './auth/authenticator';
import { AuthorizationGuard } from './auth/authorization.guard';
import { IfMatchGuard } from './concurrency/if-match.guard';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { CallerThrottlerGuard } from './rate-limit/caller-throttler.guard';
import { QueryParametersGuard } from './validation/query-parameters.guard';
import { BodyTypeGuard } from './request-context/streamed-body';

export interface GatewayModuleOptions {
  /**
   * `Idempotency-Key` on POST, recorded in SQL_DATABASE (default true). An edge that keeps no data and forwards
   * the key to the service owning the resource turns it off, and then needs no SQL_DATABASE.
   */
  idempotency?: boolean;
}

/** The options GatewayModule was given, with defaults; `applyGatewayConventions` reads them. */
export const GATEWAY_MODULE_OPTIONS = Symbol('GATEWAY_MODULE_OPTIONS');
export type ResolvedGatewayModuleOptions = Required<GatewayModuleOptions>;

/**
 * The gateway conventions' parts (auth, rate limit, idempotency store, ETag, problem details, metrics, JSON logs),
 * configured from RuntimeConfig. Needs ConfigModule, and SQL_DATABASE (EventStoreModule) unless idempotency is off;
 * `applyGatewayConventions(app)` puts the parts in front of the HTTP routes.
 */
@Module({})
export class GatewayModule {
  static forRoot(options: GatewayModuleOptions = {}): DynamicModule {
    const resolved: ResolvedGatewayModuleOptions = { idempotency: options.idempotency ?? true };
    const idempotency: Provider[] = resolved.idempotency ? [IdempotencyStore, IdempotencyInterceptor] : [];
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
        IfMatchGuard,
        QueryParametersGuard,
        BodyTypeGuard,
        ProblemDetailsFilter,
        ...idempotency,
        { provide: GATEWAY_MODULE_OPTIONS, useValue: resolved },
      ],
      exports: [Authenticator, MetricsModule, GATEWAY_MODULE_OPTIONS],
    };
  }
}
