import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import type { RuntimeConfig } from '../config/runtime-config';
import type { GatewayRequest } from '../http/gateway-request';
import { correlationIdOf } from '../http/request-context/correlation-id';

const QUIET_PATHS = ['/health', '/metrics'];

/**
 * One JSON line per request with its correlation id as `req.id` and `correlationId`; credentials are redacted;
 * health probes and scrapes are not logged.
 */
export const requestLoggingOptions = (level: string): Options => ({
  level,
  genReqId: (request, response) => correlationIdOf(request as GatewayRequest, response as unknown as Response),
  customProps: (request) => ({ correlationId: (request as GatewayRequest).correlationId }),
  redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
  autoLogging: { ignore: (request) => QUIET_PATHS.some((path) => request.url?.startsWith(path) ?? false) },
});

/** Structured JSON logs (pino) at LOG_LEVEL, for the app's logger and the request log. */
export const StructuredLoggingModule = LoggerModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService<RuntimeConfig, true>) => ({
    pinoHttp: requestLoggingOptions(config.get('LOG_LEVEL', { infer: true }) ?? 'info'),
  }),
});
