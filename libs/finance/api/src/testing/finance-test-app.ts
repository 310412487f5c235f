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
  GatewayModule,
  PROJECTION_RUNTIME,
  ProjectionsModule,
  signAccessToken,
  validateRuntimeConfig,
  type Role,
} from '@itsm/platform-kit';
import { FinanceModule } from '../finance.module';
import type { FinanceReadModelsFactory } from '../shared/finance-read-models.port';

const TEST_SECRET = 'finance-api-spec-secret-at-least-32-characters';

export interface FinanceTestApp {
  baseUrl: string;
  store: EventStore;
  token(roles: Role[], sub?: string): Promise<string>;
  /** Waits until every projection that reads the event at `position` has applied the log up to it. */
  caughtUp(position: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The finance context as the embedded platform hosts it: config, the event log on PGlite in a temp folder, the
 * gateway conventions, the finance projections (read models, directory, copies) and FinanceModule, on 127.0.0.1.
 */
export const startFinanceTestApp = async (options: {
  readModels: FinanceReadModelsFactory;
  projections: readonly Projection[];
  clock?: Clock;
}): Promise<FinanceTestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-finance-api-'));
  const env = { LOG_LEVEL: 'silent', ITSM_DATA_DIR: dataDir, ITSM_JWT_SECRET: TEST_SECRET, ITSM_RATE_LIMIT: '0', ITSM_EMBEDDED_ENGINE: 'pglite' };

  @Module({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, validate: () => validateRuntimeConfig(env) }),
      EventStoreModule,
      GatewayModule.forRoot(),
      ProjectionsModule.forRoot(options.projections),
      FinanceModule.forRoot({ readModels: options.readModels, clock: options.clock, env: { ITSM_FINANCE_REPORTING_CURRENCY: 'EUR' } }),
    ],
  })
  class FinanceTestModule {}

  const app: INestApplication = await NestFactory.create(FinanceTestModule, { logger: false });
  applyGatewayConventions(app);
  await app.listen(0, '127.0.0.1');
  return {
    baseUrl: await app.getUrl(),
    store: app.get<EventStore>(EVENT_STORE),
    caughtUp: async (position) => {
      const runtime = app.get<ProjectionRuntime>(PROJECTION_RUNTIME);
      const store = app.get<EventStore>(EVENT_STORE);
      const [written] = (await store.readAll({ fromPosition: position - 1, maxCount: 1 })).events;
      await waitUntil(`projections of ${written?.type} at ${position}`, async () =>
        (await runtime.status()).filter((status) => written !== undefined && status.eventTypes.includes(written.type)).every((status) => status.position >= position),
      );
    },
    token: (roles, sub = 'fiona') => signAccessToken({ sub, name: sub, roles }, { secret: new TextEncoder().encode(TEST_SECRET) }),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

export { call, type JsonAnswer as Answer } from '@itsm/platform-kit';
