import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { PlatformModule } from './platform.module';

/** Builds the embedded platform; tests call this too, so what they exercise is what `npm start` runs. */
export const createPlatformApp = async (options: { bufferLogs?: boolean } = {}): Promise<INestApplication> => {
  const app = await NestFactory.create(PlatformModule, { bufferLogs: options.bufferLogs ?? true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
};
