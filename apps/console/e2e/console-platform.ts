import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EMBEDDED_SPEC_JWT_SECRET, signAccessToken, startEmbeddedPlatform, type EmbeddedPlatformProcess, type Role } from '@itsm/platform-kit';

const workspaceRoot = resolve(__dirname, '../../..');

/**
 * Builds the console from source into `outDir` (Vite), so a spec never tests a stale dist/apps/console.
 * Specs build side by side, each into its own folder, so Vite's one-build-per-project lock is bypassed.
 */
export const buildConsole = (outDir: string): void => {
  const vite = join(workspaceRoot, 'node_modules/vite/bin/vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--config', 'apps/console/vite.config.mts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn', '--bypass-lock'], {
    cwd: workspaceRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
};

export interface ConsolePlatform {
  platform: EmbeddedPlatformProcess;
  baseUrl: string;
  token(subject: string, roles: Role[]): Promise<string>;
  stop(): Promise<void>;
}

/** The embedded platform on a fresh data directory, serving a console built from source; `env`: more settings (an identity provider). */
export const startConsolePlatform = async (env: Record<string, string> = {}): Promise<ConsolePlatform> => {
  const folder = mkdtempSync(join(tmpdir(), 'itsm-console-'));
  // PostgreSQL runs as the postgres account when the specs run as root: it must reach the data directory.
  chmodSync(folder, 0o755);
  const consoleDir = join(folder, 'console');
  buildConsole(consoleDir);
  const platform = await startEmbeddedPlatform(join(folder, 'data'), { ...env, ITSM_CONSOLE_DIR: consoleDir });
  const secret = new TextEncoder().encode(EMBEDDED_SPEC_JWT_SECRET);
  return {
    platform,
    baseUrl: platform.baseUrl,
    token: (subject, roles) => signAccessToken({ sub: subject, name: subject, roles }, { secret }),
    async stop() {
      await platform.process.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
};

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A live service with a 24×7 offering (so business time is wall-clock time) and one P2 incident on it. */
export const seedIncident = async (platform: EmbeddedPlatformProcess) => {
  const must = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const answer = await platform.call(path, { method: 'POST', body, headers });
    if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const calendar = await must('/api/v1/calendars', { name: 'Around the clock', timeZone: 'UTC', weeklyHours: WEEK.map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: [] });
  const service = await must('/api/v1/services', { name: 'Email', kind: 'business', description: 'Corporate mail', ownerGroup: 'messaging', supportGroup: 'service-desk', criticality: 'high' });
  await must(`/api/v1/services/${service.body.id}/go-live`, undefined);
  const target = { responseMinutes: 60, resolutionMinutes: 480 };
  const offering = await must(`/api/v1/services/${service.body.id}/offerings`, {
    name: 'Gold',
    calendarId: calendar.body.id,
    slaTargets: { P1: target, P2: target, P3: target, P4: target, P5: target },
  });
  const incident = await must(
    '/api/v1/incidents',
    { shortDescription: 'Mail is down', description: 'No mail since 9:00', callerId: 'carol', serviceId: service.body.id, impact: 2, urgency: 1 },
    { 'X-Wait-For-Position': offering.headers.get('x-log-position') ?? '0' },
  );
  return { serviceId: service.body.id as string, incidentId: incident.body.id as string, number: incident.body.number as string };
};
