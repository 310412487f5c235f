import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { applyGatewayConventions } from '@itsm/platform-kit';
import { PlatformModule } from './platform.module';

/** Builds the embedded platform; tests call this too, so what they exercise is what `npm start` runs. */
export const createPlatformApp = async (): Promise<INestApplication> => {
  const app = await NestFactory.create(PlatformModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return applyGatewayConventions(app, {
    openApi: { title: 'ITSM platform API', version: '1', description: 'Service catalog, incidents, changes and IT finance.' },
  });
};
