import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { waitUntil } from '@itsm/event-sourcing';
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
import { ChangesModule, type ChangesModuleOptions } from '../changes.module';
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

/**
 * The changes context as the embedded platform hosts it: config, the event log on PGlite in a temp folder, the gateway
 * conventions, the changes projections and ChangesModule, listening on 127.0.0.1.
 */
export const startChangesTestApp = async (
  readModels: ChangesReadModelsFactory,
  projections: readonly Projection[],
  /** More settings (`ITSM_CHANGE_APPROVAL_POLICY`…) and the module's options. */
  options: { env?: Record<string, string>; module?: Omit<ChangesModuleOptions, 'readModels'> } = {},
): Promise<ChangesTestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-changes-api-'));
  const env = {
    LOG_LEVEL: 'silent',
    ITSM_DATA_DIR: dataDir,
    ITSM_JWT_SECRET: TEST_SECRET,
    ITSM_RATE_LIMIT: '0',
    ...options.env,
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
      ChangesModule.forRoot({ ...options.module, readModels }),
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
