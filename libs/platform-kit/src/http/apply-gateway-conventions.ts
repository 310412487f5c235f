import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CommandSpanInterceptor, traceHttpRequests, tracingEnabled } from '@itsm/telemetry';
import type { RuntimeConfig } from '../config/runtime-config';
import { serveAsyncApi } from './asyncapi/serve-asyncapi';
import { HttpMetrics } from '../observability/http-metrics';
import { AuthenticationGuard } from './auth/authentication.guard';
import { AuthorizationGuard } from './auth/authorization.guard';
import { answerWithETags } from './concurrency/etag-reply';
import { IfMatchGuard } from './concurrency/if-match.guard';
import { GATEWAY_MODULE_OPTIONS, type ResolvedGatewayModuleOptions } from './gateway.module';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { setupOpenApi, type OpenApiOptions } from './openapi/setup-openapi';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { createValidationPipe } from './problems/validation.pipe';
import { CallerThrottlerGuard } from './rate-limit/caller-throttler.guard';
import { correlationIdMiddleware } from './request-context/correlation-id';
import { refuseUnsafeJson } from './request-context/json-body-reviver';
import { QueryParametersGuard } from './validation/query-parameters.guard';
import { requireJsonBody } from './request-context/json-body.middleware';
import { BodyTypeGuard } from './request-context/streamed-body';

export interface GatewayConventionOptions {
  openApi?: OpenApiOptions;
}

/**
 * Puts the gateway conventions in front of every HTTP route of an app that imports `GatewayModule.forRoot()`.
 * Call it after `NestFactory.create` and before `listen`; the embedded host and apps/gateway call the same.
 * Guards run in order: identify the caller, count the request against its rate limit, check its roles, then the
 * request's If-Match syntax, its query parameters' names and its body's type (a streamed CSV only where declared).
 */
export const applyGatewayConventions = <App extends INestApplication>(app: App, options: GatewayConventionOptions = {}): App => {
  const express = app as unknown as NestExpressApplication;
  const config = app.get<ConfigService<RuntimeConfig, true>>(ConfigService);
  express.disable('x-powered-by');
  // The only ETag is the resource's revision (answerWithETags); Express's weak body hash would tag errors and lists too.
  express.set('etag', false);
  // First, so that the request's span covers everything after it (and continues the caller's traceparent).
  const tracing = tracingEnabled();
  if (tracing) express.use(traceHttpRequests);
  express.use(correlationIdMiddleware);
  express.use(app.get(HttpMetrics).middleware);
  express.use(requireJsonBody);
  // Registered before Nest's default parser (100 kB), which then stands aside.
  express.useBodyParser('json', {
    limit: config.get('ITSM_BODY_LIMIT', { infer: true }),
    type: ['application/json', 'application/*+json'],
    reviver: refuseUnsafeJson,
  });
  // ITSM_RATE_LIMIT=0 turns the limit off: then the throttler is not asked (its answer is yes) on every request.
  const rateLimited = config.get('ITSM_RATE_LIMIT', { infer: true }) !== 0;
  app.useGlobalGuards(
    app.get(AuthenticationGuard),
    ...(rateLimited ? [app.get(CallerThrottlerGuard)] : []),
    app.get(AuthorizationGuard),
    app.get(IfMatchGuard),
    app.get(QueryParametersGuard),
    app.get(BodyTypeGuard),
  );
  app.useGlobalFilters(app.get(ProblemDetailsFilter));
  app.useGlobalPipes(createValidationPipe());
  // Idempotency is outermost so that it stores the response as the handler answered it (ETag included).
  const { idempotency } = app.get<ResolvedGatewayModuleOptions>(GATEWAY_MODULE_OPTIONS);
  app.useGlobalInterceptors(...(idempotency ? [app.get(IdempotencyInterceptor)] : []), ...(tracing ? [new CommandSpanInterceptor()] : []));
  answerWithETags(app);
  setupOpenApi(app, options.openApi);
  serveAsyncApi(app);
  return app;
};
