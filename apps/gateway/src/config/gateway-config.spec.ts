import { validateGatewayConfig } from './gateway-config';

describe('validateGatewayConfig', () => {
  const base = { CATALOG_SERVICE_URL: 'http://127.0.0.1:3001', ITSM_JWT_SECRET: 'gateway-config-spec-secret-of-32-chars' };

  it('converts the edge’s settings and keeps the runtime settings as converted (numbers stay numbers)', () => {
    const config = validateGatewayConfig({ ...base, GATEWAY_UPSTREAM_TIMEOUT_MS: '250', ITSM_RATE_LIMIT: '0', PORT: '3100' });
    expect(config).toMatchObject({ CATALOG_SERVICE_URL: base.CATALOG_SERVICE_URL, GATEWAY_UPSTREAM_TIMEOUT_MS: 250, ITSM_RATE_LIMIT: 0, PORT: 3100 });
  });

  it('needs no DATABASE_URL and defaults the upstream timeout to 15 s', () => {
    const config = validateGatewayConfig(base);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.GATEWAY_UPSTREAM_TIMEOUT_MS).toBe(15_000);
  });

  it('leaves INCIDENTS_SERVICE_URL unset unless given, and checks it when given', () => {
    expect(validateGatewayConfig(base).INCIDENTS_SERVICE_URL).toBeUndefined();
    expect(validateGatewayConfig({ ...base, INCIDENTS_SERVICE_URL: 'http://incidents:3000' }).INCIDENTS_SERVICE_URL).toBe('http://incidents:3000');
    expect(() => validateGatewayConfig({ ...base, INCIDENTS_SERVICE_URL: 'incidents:3000' })).toThrow(
      /INCIDENTS_SERVICE_URL must be the http\(s\) URL of the incidents process/,
    );
  });

  it('lists every invalid setting, one line each', () => {
    expect(() => validateGatewayConfig({ CATALOG_SERVICE_URL: 'service-catalog', GATEWAY_UPSTREAM_TIMEOUT_MS: '5' })).toThrow(
      /\n {2}CATALOG_SERVICE_URL must be the http\(s\) URL[^\n]*\n {2}GATEWAY_UPSTREAM_TIMEOUT_MS must not be less than 100$/,
    );
  });
});
