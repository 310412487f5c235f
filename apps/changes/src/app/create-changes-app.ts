import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { applyGatewayConventions } from '@itsm/platform-kit';
import { ChangesAppModule } from './changes-app.module';

/**
 * Builds the changes app with the gateway conventions in front of its routes. Settings from `env` (default: the
 * process environment).
 */
export const createChangesApp = async (env: Record<string, string | undefined> = process.env): Promise<INestApplication> => {
  const app = await NestFactory.create(ChangesAppModule.forRoot(env), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  return applyGatewayConventions(app, { openApi: { title: 'ITSM changes' } });
};
