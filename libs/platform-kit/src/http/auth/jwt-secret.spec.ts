import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveJwtSecret } from './jwt-secret';

describe('the HS256 key', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = join(mkdtempSync(join(tmpdir(), 'itsm-secret-')), 'data')));
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('is ITSM_JWT_SECRET when set', () => {
    const secret = resolveJwtSecret({ ITSM_JWT_SECRET: 'x'.repeat(32), ITSM_DATA_DIR: dataDir });
    expect(Buffer.from(secret as Uint8Array).toString()).toBe('x'.repeat(32));
  });

  it('is generated once into the data folder, readable by the owner only, and reused', () => {
    const first = resolveJwtSecret({ ITSM_DATA_DIR: dataDir });
    const second = resolveJwtSecret({ ITSM_DATA_DIR: dataDir });
    expect(Buffer.from(first as Uint8Array).toString()).toBe(readFileSync(join(dataDir, 'jwt-secret'), 'utf8'));
    expect(second).toEqual(first);
    expect(first?.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('is absent when tokens come only from an identity provider', () => {
    expect(resolveJwtSecret({ ITSM_JWKS_URL: 'https://idp.test/jwks', ITSM_DATA_DIR: dataDir })).toBeUndefined();
  });
});
