import { Inject, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import type { RuntimeConfig } from '../config/runtime-config';
import type { GatewayRequest } from '../http/gateway-request';
import { correlationIdOf } from '../http/request-context/correlation-id';
import { createRequestLogger } from './request-logger';

const QUIET_PATHS = ['/health', '/metrics'];

/**
 * One JSON line per request with its correlation id as `req.id` and `correlationId`; credentials are redacted;
 * health probes and scrapes are not logged.
 */
export const requestLoggingOptions = (level: string): Options & Required<Pick<Options, 'genReqId'>> => ({
  level,
  genReqId: (request, response) => correlationIdOf(request as GatewayRequest, response as unknown as Response),
  customProps: (request) => ({ correlationId: (request as GatewayRequest).correlationId }),
  redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
  autoLogging: { ignore: (request) => QUIET_PATHS.some((path) => request.url?.startsWith(path) ?? false) },
});

const levelOf = (config: ConfigService<RuntimeConfig, true>): string => config.get('LOG_LEVEL', { infer: true }) ?? 'info';

/**
 * Structured JSON logs (pino) at LOG_LEVEL, for the app's logger and the request log. nestjs-pino gives the app's
 * logger; the request log is `createRequestLogger` (pino-http's, built lazily above its level) in place of
 * nestjs-pino's own middleware, which builds the request's loggers whether or not anything is logged.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<RuntimeConfig, true>) => ({ pinoHttp: requestLoggingOptions(levelOf(config)), forRoutes: [] }),
    }),
  ],
})
export class StructuredLoggingModule implements NestModule {
  constructor(@Inject(ConfigService) private readonly config: ConfigService<RuntimeConfig, true>) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(createRequestLogger(requestLoggingOptions(levelOf(this.config)))).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
