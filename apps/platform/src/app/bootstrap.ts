import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { applyGatewayConventions } from '@itsm/platform-kit';
import { PlatformModule } from './platform.module';

/** Logs are buffered until pino takes over, so start-up messages come out in the process's log format. */
export const PLATFORM_APP_OPTIONS: NestApplicationOptions = { bufferLogs: true };

/**
 * Gives a Nest app built from PlatformModule the embedded platform's logger, shutdown hooks and gateway conventions:
 * NestFactory's for `npm start`, or a spec's TestingModule with a provider overridden (e.g. the incidents' clock).
 */
export const configurePlatformApp = <App extends INestApplication>(app: App): App => {
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return applyGatewayConventions(app, {
    openApi: { title: 'ITSM platform API', version: '1', description: 'Service catalog, incidents, changes and IT finance.' },
  });
};

/** Builds the embedded platform; tests call this too, so what they exercise is what `npm start` runs. */
export const createPlatformApp = async (): Promise<INestApplication> =>
  configurePlatformApp(await NestFactory.create(PlatformModule, PLATFORM_APP_OPTIONS));
