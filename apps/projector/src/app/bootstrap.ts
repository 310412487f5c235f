import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ProjectorModule } from './projector.module';

/** Builds the projector app; the int spec calls this too. */
export const createProjectorApp = async (): Promise<INestApplication> => {
  const app = await NestFactory.create(ProjectorModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  return app;
};
