import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { applyGatewayConventions, consoleDirectory, serveConsole, type OpenApiOptions } from '@itsm/platform-kit';
import { serveGatewayOpenApi } from '../openapi/serve-gateway-openapi';
import { GatewayAppModule } from './gateway-app.module';

const OPEN_API: OpenApiOptions = {
  title: 'ITSM platform API',
  version: '1',
  description: 'Service catalog, incidents, changes and IT finance, through the gateway.',
};

/**
 * Builds the gateway app: the same conventions as the embedded host, in front of the forwarding controller.
 * Settings from `env` (default: the process environment).
 */
export const createGatewayApp = async (env: Record<string, string | undefined> = process.env): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(GatewayAppModule.forRoot(env), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  // Behind a load balancer the caller's address is in X-Forwarded-For (rate limit by IP for anonymous callers).
  app.set('trust proxy', env['GATEWAY_TRUST_PROXY'] === 'true');
  serveGatewayOpenApi(app, OPEN_API);
  // The web console (apps/console) at `/`: a client of /api/v1 like any other, served where the API is.
  serveConsole(app, consoleDirectory(env));
  return applyGatewayConventions(app, { openApi: OPEN_API });
};
