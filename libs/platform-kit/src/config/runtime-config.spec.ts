import { validateRuntimeConfig } from './runtime-config';

describe('runtime configuration', () => {
  it('defaults to the embedded shape on port 3000 with ./data', () => {
    const config = validateRuntimeConfig({});
    expect(config).toMatchObject({ PORT: 3000, ITSM_DATA_DIR: './data', DATABASE_URL: undefined });
  });

  it('reads the port as a number', () => {
    expect(validateRuntimeConfig({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('refuses a port that is not a number, naming the setting', () => {
    expect(() => validateRuntimeConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('says what is wrong in one line per invalid setting, with the first rule each breaks', () => {
    expect(() => validateRuntimeConfig({ PORT: 'abc', ITSM_RATE_LIMIT: '-1', LOG_LEVEL: 'loud' })).toThrow(
      new Error(
        [
          'Invalid configuration:',
          '  PORT must be an integer number',
          '  LOG_LEVEL must be one of the following values: fatal, error, warn, info, debug, trace, silent',
          '  ITSM_RATE_LIMIT must not be less than 0',
        ].join('\n'),
      ),
    );
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL', () => {
    expect(() => validateRuntimeConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL/);
  });

  it('accepts an EventStoreDB connection string', () => {
    expect(validateRuntimeConfig({ EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' }).EVENTSTORE_URL).toBe(
      'esdb://localhost:2113?tls=false',
    );
  });

  it('reads the Kafka session timeout as milliseconds, and refuses one the broker would refuse', () => {
    expect(validateRuntimeConfig({}).KAFKA_SESSION_TIMEOUT_MS).toBeUndefined();
    expect(validateRuntimeConfig({ KAFKA_SESSION_TIMEOUT_MS: '8000' }).KAFKA_SESSION_TIMEOUT_MS).toBe(8000);
    expect(() => validateRuntimeConfig({ KAFKA_SESSION_TIMEOUT_MS: '1000' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS must be at least 6000/);
  });

  describe('the console\'s OpenID Connect sign-in', () => {
    const jwks = { ITSM_JWKS_URL: 'https://idp.example.com/jwks' };

    it('is off by default, asking for openid and profile once configured', () => {
      expect(validateRuntimeConfig({})).toMatchObject({ ITSM_OIDC_ISSUER: undefined, ITSM_OIDC_CLIENT_ID: undefined, ITSM_OIDC_SCOPES: 'openid profile' });
    });

    it('takes an issuer with its client id and scopes', () => {
      const config = validateRuntimeConfig({ ...jwks, ITSM_OIDC_ISSUER: 'https://idp.example.com/realms/it', ITSM_OIDC_CLIENT_ID: 'itsm-console', ITSM_OIDC_SCOPES: 'openid email roles' });
      expect(config).toMatchObject({ ITSM_OIDC_ISSUER: 'https://idp.example.com/realms/it', ITSM_OIDC_CLIENT_ID: 'itsm-console', ITSM_OIDC_SCOPES: 'openid email roles' });
    });

    it('refuses an issuer without the JWKS that verifies its tokens', () => {
      expect(() => validateRuntimeConfig({ ITSM_OIDC_ISSUER: 'https://idp.example.com', ITSM_OIDC_CLIENT_ID: 'itsm-console' })).toThrow(
        /ITSM_OIDC_ISSUER needs ITSM_JWKS_URL/,
      );
    });

    it('refuses an issuer that is not an http(s) URL', () => {
      expect(() => validateRuntimeConfig({ ...jwks, ITSM_OIDC_ISSUER: 'idp.example.com', ITSM_OIDC_CLIENT_ID: 'itsm-console' })).toThrow(/ITSM_OIDC_ISSUER must be an http\(s\) URL/);
    });

    it('refuses an issuer without a client id, and a client id without an issuer', () => {
      expect(() => validateRuntimeConfig({ ...jwks, ITSM_OIDC_ISSUER: 'https://idp.example.com' })).toThrow(/ITSM_OIDC_CLIENT_ID must be set with ITSM_OIDC_ISSUER/);
      expect(() => validateRuntimeConfig({ ...jwks, ITSM_OIDC_CLIENT_ID: 'has spaces' })).toThrow(/ITSM_OIDC_CLIENT_ID/);
    });

    it('refuses scopes without openid', () => {
      expect(() => validateRuntimeConfig({ ITSM_OIDC_SCOPES: 'profile email' })).toThrow(/ITSM_OIDC_SCOPES must be space-separated scopes including openid/);
      expect(() => validateRuntimeConfig({ ITSM_OIDC_SCOPES: 'openidx' })).toThrow(/ITSM_OIDC_SCOPES/);
      expect(validateRuntimeConfig({ ITSM_OIDC_SCOPES: 'email openid' }).ITSM_OIDC_SCOPES).toBe('email openid');
    });
  });
});
