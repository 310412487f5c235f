import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { waitUntil, type Clock } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import type { Projection, ProjectionRuntime } from '@itsm/projections';
import {
  applyGatewayConventions,
  EVENT_STORE,
  EventStoreModule,
  PROJECTION_RUNTIME,
  GatewayModule,
  ProjectionsModule,
  signAccessToken,
  validateRuntimeConfig,
  type Role,
} from '@itsm/platform-kit';
import { ChangesModule } from '../changes.module';
import type { ChangesReadModelsFactory } from '../shared/changes-read-models.port';

const TEST_SECRET = 'changes-api-spec-secret-at-least-32-characters';

export interface ChangesTestApp {
  baseUrl: string;
  store: EventStore;
  token(roles: Role[], sub?: string): Promise<string>;
  /** Waits until every projection that reads one of `types` has applied the log up to `position` (an event of those types there). */
  caughtUp(position: number, types: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface ChangesTestAppOptions {
  /** The changes handlers' clock (default: the system clock). */
  clock?: Clock;
  /** ITSM_API_KEYS: `name:role1+role2:key`, comma-separated. */
  apiKeys?: string;
}

/**
 * The changes context as the embedded platform hosts it: config, the event log on PGlite in a temp folder, the gateway
 * conventions, the changes projections and ChangesModule, listening on 127.0.0.1.
 */
export const startChangesTestApp = async (
  readModels: ChangesReadModelsFactory,
  projections: readonly Projection[],
  options: ChangesTestAppOptions = {},
): Promise<ChangesTestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-changes-api-'));
  const env = {
    LOG_LEVEL: 'silent',
    ITSM_DATA_DIR: dataDir,
    ITSM_JWT_SECRET: TEST_SECRET,
    ITSM_RATE_LIMIT: '0',
    ...(options.apiKeys ? { ITSM_API_KEYS: options.apiKeys } : {}),
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
      ChangesModule.forRoot({ readModels, ...(options.clock ? { clock: options.clock } : {}) }),
    ],
  })
  class ChangesTestModule {}

  const app: INestApplication = await NestFactory.create(ChangesTestModule, {
    logger: false,
  });
  applyGatewayConventions(app);
  await app.listen(0, '127.0.0.1');
  return {
    baseUrl: await app.getUrl(),
    store: app.get<EventStore>(EVENT_STORE),
    caughtUp: async (position, types) => {
      const runtime = app.get<ProjectionRuntime>(PROJECTION_RUNTIME);
      await waitUntil(`projections of ${types.join(', ')} at ${position}`, async () =>
        (await runtime.status()).filter((status) => types.some((type) => status.eventTypes.includes(type))).every((status) => status.position >= position),
      );
    },
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
