import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { validateRuntimeConfig } from '../../config/runtime-config';
import { call } from '../../testing/json-call';
import { applyGatewayConventions } from '../apply-gateway-conventions';
import { GatewayModule } from '../gateway.module';
import { ConsoleConfigModule } from './console-config.module';

/** The route as the hosts wire it: behind the gateway conventions (auth on every other route), no idempotency store. */
const startApp = async (settings: Record<string, string>): Promise<{ app: INestApplication; base: string; close(): Promise<void> }> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-console-config-'));
  const env = { LOG_LEVEL: 'silent', ITSM_DATA_DIR: dataDir, ...settings };
  @Module({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, validate: () => validateRuntimeConfig(env) }),
      GatewayModule.forRoot({ idempotency: false }),
      ConsoleConfigModule,
    ],
  })
  class ConsoleConfigTestModule {}
  const app = await NestFactory.create(ConsoleConfigTestModule, { logger: false });
  applyGatewayConventions(app, { openApi: { title: 'Console config' } });
  await app.listen(0, '127.0.0.1');
  return {
    app,
    base: await app.getUrl(),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

describe('GET /api/v1/console/config', () => {
  it('says there is no identity provider when none is configured, to anyone', async () => {
    const { base, close } = await startApp({});
    try {
      const answer = await call(`${base}/api/v1/console/config`);
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { oidc: null } });
    } finally {
      await close();
    }
  });

  it('names the issuer, the public client id and the scopes when OpenID Connect is configured, without credentials', async () => {
    const { base, close } = await startApp({
      ITSM_JWKS_URL: 'http://127.0.0.1:9/jwks',
      ITSM_OIDC_ISSUER: 'http://127.0.0.1:9/realms/it',
      ITSM_OIDC_CLIENT_ID: 'itsm-console',
      ITSM_OIDC_SCOPES: 'openid profile roles',
    });
    try {
      const answer = await call(`${base}/api/v1/console/config`);
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 200,
        body: { oidc: { issuer: 'http://127.0.0.1:9/realms/it', clientId: 'itsm-console', scopes: ['openid', 'profile', 'roles'] } },
      });
      // Public in the OpenAPI document too (an empty security list).
      const docs = await call(`${base}/api/docs-json`);
      expect(docs.body.paths['/api/v1/console/config'].get.security).toEqual([]);
    } finally {
      await close();
    }
  });
});
