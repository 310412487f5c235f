import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import type { RuntimeConfig } from '../config/runtime-config';
import type { GatewayRequest } from '../http/gateway-request';
import { correlationIdOf } from '../http/request-context/correlation-id';

const QUIET_PATHS = ['/health', '/metrics'];

/**
 * Structured JSON logs (pino): one line per request with its correlation id as `req.id` and `correlationId`;
 * credentials are redacted; health probes and scrapes are not logged.
 */
export const StructuredLoggingModule = LoggerModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService<RuntimeConfig, true>) => ({
    pinoHttp: {
      level: config.get('LOG_LEVEL', { infer: true }) ?? 'info',
      genReqId: (request, response) => correlationIdOf(request as GatewayRequest, response as unknown as Response),
      customProps: (request) => ({ correlationId: (request as GatewayRequest).correlationId }),
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
      autoLogging: { ignore: (request) => QUIET_PATHS.some((path) => request.url?.startsWith(path) ?? false) },
    },
  }),
});
