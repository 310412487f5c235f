import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { applyGatewayConventions } from '@itsm/platform-kit';
import { WebhooksAppModule } from './webhooks-app.module';

/**
 * Builds the webhooks app with the gateway conventions in front of its routes. Settings from `env` (default: the
 * process environment).
 */
export const createWebhooksApp = async (env: Record<string, string | undefined> = process.env): Promise<INestApplication> => {
  const app = await NestFactory.create(WebhooksAppModule.forRoot(env), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  return applyGatewayConventions(app, { openApi: { title: 'ITSM webhooks' } });
};
