import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { EventStore } from '@itsm/event-store';
import type { Projection } from '@itsm/projections';
import {
  applyGatewayConventions,
  EVENT_STORE,
  EventStoreModule,
  GatewayModule,
  ProjectionsModule,
  signAccessToken,
  validateRuntimeConfig,
  type Role,
} from '@itsm/platform-kit';
import { CatalogModule } from '../catalog.module';
import type { CatalogReadModelsFactory } from '../shared/catalog-read-models.port';

const TEST_SECRET = 'catalog-api-spec-secret-at-least-32-characters';

export interface CatalogTestApp {
  baseUrl: string;
  store: EventStore;
  token(roles: Role[], sub?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The catalog as the embedded platform hosts it: config, the event log on PGlite in a temp folder, the gateway
 * conventions, the catalog projections and CatalogModule, listening on 127.0.0.1.
 */
export const startCatalogTestApp = async (
  readModels: CatalogReadModelsFactory,
  projections: readonly Projection[],
): Promise<CatalogTestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-catalog-api-'));
  const env = {
    LOG_LEVEL: 'silent',
    ITSM_DATA_DIR: dataDir,
    ITSM_JWT_SECRET: TEST_SECRET,
    ITSM_RATE_LIMIT: '0',
  };

  @Module({
    imports: [
      ConfigModule.forRoot({
        isGlobal: true,
        ignoreEnvFile: true,
        skipProcessEnv: true,
        validate: () => validateRuntimeConfig(env),
      }),
      EventStoreModule,
      GatewayModule.forRoot(),
      ProjectionsModule.forRoot(projections),
      CatalogModule.forRoot({ readModels }),
    ],
  })
  class CatalogTestModule {}

  const app: INestApplication = await NestFactory.create(CatalogTestModule, {
    logger: false,
  });
  applyGatewayConventions(app);
  await app.listen(0, '127.0.0.1');
  return {
    baseUrl: await app.getUrl(),
    store: app.get<EventStore>(EVENT_STORE),
    token: (roles, sub = 'alice') =>
      signAccessToken(
        { sub, name: sub, roles },
        { secret: new TextEncoder().encode(TEST_SECRET) },
      ),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

export { call, type JsonAnswer as Answer } from '@itsm/platform-kit';
