import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { applyGatewayConventions, serveConsole } from '@itsm/platform-kit';
import { PlatformModule } from './platform.module';

/**
 * Logs are buffered until pino takes over, so start-up messages come out in the process's log format; a failed
 * start throws to main (one clear line for an operator's mistake) instead of Nest printing and exiting.
 */
export const PLATFORM_APP_OPTIONS: NestApplicationOptions = { bufferLogs: true, abortOnError: false };

/**
 * Gives a Nest app built from PlatformModule the embedded platform's logger and gateway conventions (main.ts adds the stop on signals):
 * NestFactory's for `npm start`, or a spec's TestingModule with a provider overridden (e.g. the incidents' clock).
 */
export const configurePlatformApp = <App extends INestApplication>(app: App): App => {
  app.useLogger(app.get(Logger));
  // The web console (apps/console) at `/`, ahead of the API routes it calls.
  serveConsole(app);
  return applyGatewayConventions(app, {
    openApi: { title: 'ITSM platform API', version: '1', description: 'Service catalog, incidents, changes and IT finance.' },
  });
};

/** Builds the embedded platform; tests call this too, so what they exercise is what `npm start` runs. */
export const createPlatformApp = async (): Promise<INestApplication> =>
  configurePlatformApp(await NestFactory.create(PlatformModule, PLATFORM_APP_OPTIONS));
