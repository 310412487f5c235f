import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createAccessTokenVerifier, resolveJwtSecret } from '@itsm/platform-kit';
import { signTokenFromEnvironment } from './token.command';

const run = promisify(execFile);
const repoRoot = join(__dirname, '..', '..', '..', '..');
/** The environment of a child process without the outer ITSM_JWT_SECRET, so the data folder's key is used. */
const childEnv = (dataDir: string) => {
  const env: NodeJS.ProcessEnv = { ...process.env, ITSM_DATA_DIR: dataDir };
  delete env['ITSM_JWT_SECRET'];
  delete env['ITSM_JWKS_URL'];
  return env;
};

describe('itsm token', () => {
  let dataDir: string;
  // The bin builds the CLI first when the build is missing or stale (a minute or more on a busy machine): here, not in a timed case.
  beforeAll(() => run('node', ['apps/cli/bin/itsm.js', '--help'], { cwd: repoRoot }), 10 * 60_000);
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'itsm-cli-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The server's verifier, configured the way the server configures it. */
  const serverVerifier = (env: Record<string, string>) =>
    createAccessTokenVerifier({
      secret: resolveJwtSecret({ ITSM_DATA_DIR: dataDir, ITSM_JWT_SECRET: env['ITSM_JWT_SECRET'] }),
      issuer: env['ITSM_JWT_ISSUER'],
    });

  it('signs with the key kept in the data folder, which the server then accepts', async () => {
    const token = await signTokenFromEnvironment({ sub: 'alice', name: 'Alice', role: ['admin', 'agent'], expiresIn: '1h' }, { ITSM_DATA_DIR: dataDir });
    await expect(serverVerifier({})(token)).resolves.toEqual({ id: 'alice', name: 'Alice', roles: ['admin', 'agent'], via: 'bearer' });
  });

  it('signs with ITSM_JWT_SECRET and the configured issuer when set', async () => {
    const env = { ITSM_DATA_DIR: dataDir, ITSM_JWT_SECRET: 'a-configured-secret-of-32-characters!!', ITSM_JWT_ISSUER: 'itsm' };
    const token = await signTokenFromEnvironment({ sub: 'bob', role: ['finance'], expiresIn: '1h' }, env);
    await expect(serverVerifier(env)(token)).resolves.toMatchObject({ id: 'bob', roles: ['finance'] });
    await expect(serverVerifier({ ITSM_JWT_SECRET: env.ITSM_JWT_SECRET })(token)).resolves.toMatchObject({ id: 'bob' });
    await expect(serverVerifier({})(token)).rejects.toThrow(/signature/);
  });

  it('refuses to sign when only an identity provider issues tokens', async () => {
    await expect(
      signTokenFromEnvironment({ sub: 'x', role: ['admin'], expiresIn: '1h' }, { ITSM_DATA_DIR: dataDir, ITSM_JWKS_URL: 'https://idp.test/jwks' }),
    ).rejects.toThrow(/identity provider/);
  });

  it('prints only the token from the bin launcher (what `npm run itsm -- token` runs)', async () => {
    const { stdout } = await run('node', ['apps/cli/bin/itsm.js', 'token', '--role', 'admin', '--sub', 'ops'], {
      cwd: repoRoot,
      env: childEnv(dataDir),
    });
    await expect(serverVerifier({})(stdout.trim())).resolves.toMatchObject({ id: 'ops', roles: ['admin'] });
  }, 60_000);

  it('says where to run it when started outside the repository with no data directory named', async () => {
    const env = childEnv(dataDir);
    delete env['ITSM_DATA_DIR'];
    delete env['DATABASE_URL'];
    await expect(run('node', [join(repoRoot, 'apps/cli/bin/itsm.js'), 'token', '--role', 'admin'], { cwd: dataDir, env })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`run it from the repository folder, where the platform keeps ./data: cd ${repoRoot} && npm run -s itsm -- token --role admin`),
    });
    expect(existsSync(join(dataDir, 'data'))).toBe(false);
  }, 60_000);

  it('refuses an unknown role', async () => {
    await expect(
      run('node', ['apps/cli/bin/itsm.js', 'token', '--role', 'superuser'], { cwd: repoRoot, env: childEnv(dataDir) }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown role/) });
  }, 60_000);
});
