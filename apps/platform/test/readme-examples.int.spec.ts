import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedPlatform, type EmbeddedPlatformProcess } from '@itsm/platform-kit';
import { shellBlocksOf } from './readme/readme-shell-blocks';

const workspaceRoot = resolve(__dirname, '../../..');

/** The README's sections whose examples a new user follows in order against a running platform. */
const SECTIONS = ['Quick start', 'The service catalog in five lines', 'Incidents', 'Changes', 'Read models'];

/** Lines of those sections the spec does not run, each for a reason of its own (every other line runs). */
const NOT_RUN = [
  { line: /^npm ci && npm start$/, why: 'the spec starts the platform itself, on a fresh data directory' },
  { line: /itsm -- seed incidents/, why: 'the seed is refused while the platform holds the data directory, as the README says' },
];

/** Each curl also reports its HTTP status on stderr, leaving its stdout (which the examples pipe on) untouched. */
const REPORT_STATUS = `curl() { command curl --write-out '%{stderr}HTTP %{http_code}\\n' "$@"; }`;

describe("the README's examples, followed literally on a fresh data directory", () => {
  jest.setTimeout(10 * 60_000);
  let folder: string;
  let platform: EmbeddedPlatformProcess | undefined;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'itsm-readme-'));
    // PostgreSQL runs as the postgres account when the specs run as root: it must reach the data directory.
    chmodSync(folder, 0o755);
  });
  afterAll(async () => {
    await platform?.process.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers every curl of the quick start, catalog, incidents, changes and read-model examples with 2xx', async () => {
    const dataDir = join(folder, 'data');
    // No ITSM_JWT_SECRET: the platform generates its key into the data directory, and `itsm token` signs with it.
    platform = await startEmbeddedPlatform(dataDir, { ITSM_JWT_SECRET: undefined });
    const lines = shellBlocksOf(join(workspaceRoot, 'README.md'))
      .filter((block) => SECTIONS.includes(block.heading))
      .flatMap((block) => block.lines)
      .filter((line) => !NOT_RUN.some((skip) => skip.line.test(line)));
    const script = lines.join('\n').replace(/(http:\/\/)?localhost:3000/g, platform.baseUrl);
    const curls = script.match(/\bcurl -s/g)?.length ?? 0;
    expect(curls).toBeGreaterThanOrEqual(8);

    const env: NodeJS.ProcessEnv = { ...process.env, ITSM_DATA_DIR: dataDir };
    for (const variable of ['ITSM_JWT_SECRET', 'DATABASE_URL', 'EVENTSTORE_URL', 'KAFKA_BROKERS']) delete env[variable];
    const run = spawnSync('bash', ['-c', `set -euo pipefail\n${REPORT_STATUS}\n${script}`], { cwd: workspaceRoot, env, encoding: 'utf8' });

    const statuses = [...run.stderr.matchAll(/^HTTP (\d{3})$/gm)].map((match) => Number(match[1]));
    const failure = `script:\n${script}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    expect({ exit: run.status, statuses: statuses.length, failure: statuses.every((status) => status >= 200 && status < 300) ? '' : failure }).toEqual({
      exit: 0,
      statuses: curls,
      failure: '',
    });
  });
});
