import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../../../..');
/** Everything a generated context compiles, lints and tests against; not the installed or built trees. */
const LEFT_OUT = new Set(['node_modules', 'dist', '.git', '.nx', 'tmp', 'coverage']);

/**
 * The generator on a copy of this workspace, through the real Nx CLI: the new context must type-check (its four
 * libs and its host), pass lint with the module-boundary rules, and pass its sample specs. This is the check that
 * a context made tomorrow starts green, not only the two already generated.
 */
describe('nx g @itsm/tools:context on a copy of the workspace', () => {
  jest.setTimeout(15 * 60_000);
  let copy: string;

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'itsm-generated-'));
    for (const entry of readdirSync(workspaceRoot)) {
      if (!LEFT_OUT.has(entry)) cpSync(join(workspaceRoot, entry), join(copy, entry), { recursive: true });
    }
    symlinkSync(join(workspaceRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  const run = (command: string, args: string[]): string =>
    execFileSync(command, args, {
      cwd: copy,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, NX_DAEMON: 'false', NX_PREFER_TS_NODE: 'true', NX_NO_CLOUD: 'true', NX_CACHE_DIRECTORY: join(copy, '.nx', 'cache') },
    });

  it('creates a context that type-checks, lints and passes its sample specs', () => {
    run('npx', ['nx', 'g', '@itsm/tools:context', 'problems', '--aggregate=problem', '--verb=record', '--no-interactive']);

    const projects = ['libs/problems/domain', 'libs/problems/application', 'libs/problems/api', 'libs/problems/read-models'];
    for (const project of projects) run('npx', ['tsc', '--noEmit', '-p', `${project}/tsconfig.lib.json`]);
    run('npx', ['tsc', '--noEmit', '-p', 'apps/problems/tsconfig.app.json']);
    run('npx', ['tsc', '--noEmit', '-p', 'apps/platform/tsconfig.app.json']);

    const lint = run('npx', ['eslint', '--max-warnings=0', 'libs/problems', 'apps/problems']);
    expect(lint).not.toMatch(/error/);

    for (const project of ['libs/problems/domain', 'libs/problems/application']) {
      const results = JSON.parse(run('npx', ['jest', '-c', `${project}/jest.config.cjs`, '--ci', '--json'])) as { numPassedTests: number; numFailedTests: number };
      expect({ project, failed: results.numFailedTests, passedSome: results.numPassedTests > 0 }).toEqual({ project, failed: 0, passedSome: true });
    }
  });
});
