import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { validateRuntimeConfig } from '../../config/runtime-config';
import { EventStoreModule } from '../../event-store/event-store.module';
import { applyGatewayConventions } from '../apply-gateway-conventions';
import { signAccessToken } from '../auth/access-token.signer';
import { resolveJwtSecret } from '../auth/jwt-secret';
import type { Role } from '../auth/roles';
import { GatewayModule } from '../gateway.module';
import { ProbeController } from './probe.controller';

export interface GatewayTestApp {
  app: INestApplication;
  baseUrl: string;
  probes: ProbeController;
  dataDir: string;
  /** A bearer token signed with the app's key. */
  token(roles: Role[], sub?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The probe controller behind the gateway conventions, wired as a host wires them (config, event store on PGlite
 * in a fresh data folder, `GatewayModule.forRoot()`, `applyGatewayConventions`), listening on 127.0.0.1.
 */
export const startGatewayTestApp = async (
  settings: Record<string, string> = {},
): Promise<GatewayTestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-gateway-'));
  const env = { LOG_LEVEL: 'silent', ITSM_DATA_DIR: dataDir, ...settings };

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
    ],
    controllers: [ProbeController],
  })
  class GatewayTestModule {}

  const app = await NestFactory.create(GatewayTestModule, { logger: false });
  applyGatewayConventions(app, { openApi: { title: 'Probe API' } });
  await app.listen(0, '127.0.0.1');
  const config = validateRuntimeConfig(env);
  return {
    app,
    baseUrl: await app.getUrl(),
    probes: app.get(ProbeController),
    dataDir,
    token: (roles, sub = 'alice') => {
      const secret = resolveJwtSecret(config);
      if (!secret) throw new Error('No HS256 key configured');
      return signAccessToken(
        { sub, name: 'Alice', roles },
        {
          secret,
          issuer: config.ITSM_JWT_ISSUER,
          audience: config.ITSM_JWT_AUDIENCE,
        },
      );
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

export { call, type JsonAnswer } from '../../testing/json-call';
