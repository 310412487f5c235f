import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RuntimeConfig } from '../../config/runtime-config';
import { createApiKeyVerifier, type ApiKeyVerifier } from './api-keys';
import { createAccessTokenVerifier, type AccessTokenVerifier } from './access-token.verifier';
import { resolveJwtSecret } from './jwt-secret';
import { InvalidCredentials, type Principal } from './principal';

export type AuthenticationResult = { principal: Principal } | { failure: string } | { anonymous: true };

type Headers = Record<string, string | string[] | undefined>;

/** Reads the caller from `Authorization: Bearer` or `X-Api-Key`; configured once from the runtime settings. */
@Injectable()
export class Authenticator {
  private readonly verifyToken: AccessTokenVerifier;
  private readonly verifyApiKey: ApiKeyVerifier;

  constructor(@Inject(ConfigService) config: ConfigService<RuntimeConfig, true>) {
    const setting = <K extends keyof RuntimeConfig>(key: K) => config.get(key, { infer: true }) as RuntimeConfig[K];
    this.verifyToken = createAccessTokenVerifier({
      secret: resolveJwtSecret({
        ITSM_JWT_SECRET: setting('ITSM_JWT_SECRET'),
        ITSM_JWKS_URL: setting('ITSM_JWKS_URL'),
        ITSM_DATA_DIR: setting('ITSM_DATA_DIR'),
      }),
      jwksUrl: setting('ITSM_JWKS_URL'),
      issuer: setting('ITSM_JWT_ISSUER'),
      audience: setting('ITSM_JWT_AUDIENCE'),
    });
    this.verifyApiKey = createApiKeyVerifier(setting('ITSM_API_KEYS'));
  }

  async authenticate(headers: Headers): Promise<AuthenticationResult> {
    const authorization = single(headers['authorization']);
    const apiKey = single(headers['x-api-key']);
    if (authorization !== undefined && apiKey !== undefined) {
      return { failure: 'Send either Authorization or X-Api-Key, not both' };
    }
    if (apiKey !== undefined) {
      const principal = this.verifyApiKey(apiKey);
      return principal ? { principal } : { failure: 'The API key is not valid' };
    }
    if (authorization === undefined) return { anonymous: true };
    const match = /^Bearer +([A-Za-z0-9\-_.]+)$/i.exec(authorization.trim());
    if (!match) return { failure: 'The Authorization header must be "Bearer <token>"' };
    try {
      return { principal: await this.verifyToken(match[1]) };
    } catch (error) {
      if (error instanceof InvalidCredentials) return { failure: error.message };
      return { failure: 'The bearer token could not be verified' };
    }
  }
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(',') : value);
