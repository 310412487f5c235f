import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { applyGatewayConventions } from '@itsm/platform-kit';
import { ServiceCatalogModule } from './service-catalog.module';

/** Builds the service-catalog app with the gateway conventions in front of its routes. */
export const createServiceCatalogApp = async (): Promise<INestApplication> => {
  const app = await NestFactory.create(ServiceCatalogModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  return applyGatewayConventions(app, { openApi: { title: 'ITSM service catalog' } });
};
