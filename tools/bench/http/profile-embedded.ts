import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { signAccessToken } from '@itsm/platform-kit';
import { createScratchDatabase } from '../shared/postgres-database';
import { progress } from '../shared/report';
import { startBenchApp } from './app-process';
import { summarizeCpuProfile } from './cpu-profile-top';
import { HTTP_CASES, serviceBody } from './http-cases';
import { BENCH_JWT_SECRET } from './http-contenders';
import { runLoad } from './run-load';

/**
 * Where the embedded platform spends its time under the bench's load: starts apps/platform with `--cpu-prof`, seeds
 * services, runs one case (PROFILE_CASE: create, read or list) for PROFILE_SECONDS with autocannon, stops the app
 * (the profile is written at exit) and prints the top frames and areas by self time.
 *
 *   PROFILE_CASE=create npx ts-node … tools/bench/http/profile-embedded.ts   (see the README)
 */
const root = resolve(__dirname, '../../..');

const main = async () => {
  const caseId = process.env['PROFILE_CASE'] ?? 'create';
  const seconds = Number(process.env['PROFILE_SECONDS'] ?? 15);
  const benchCase = HTTP_CASES.find((candidate) => candidate.id === caseId);
  if (!benchCase) throw new Error(`PROFILE_CASE must be one of ${HTTP_CASES.map(({ id }) => id).join(', ')}`);
  const profileDir = mkdtempSync(join(tmpdir(), 'itsm-http-profile-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-http-profile-data-'));
  const database = process.env['PROFILE_DATABASE_URL'] ? await createScratchDatabase(process.env['PROFILE_DATABASE_URL'], 'http_profile') : undefined;
  process.env['BENCH_HTTP_NODE_OPTIONS'] = `--cpu-prof --cpu-prof-dir=${profileDir}`;
  const app = await startBenchApp('platform', {
    ITSM_RATE_LIMIT: '0',
    LOG_LEVEL: 'warn',
    ITSM_JWT_SECRET: BENCH_JWT_SECRET,
    ITSM_DATA_DIR: dataDir,
    ...(database ? { DATABASE_URL: database.connectionString } : {}),
    ...(process.env['PROFILE_ENGINE'] ? { ITSM_EMBEDDED_ENGINE: process.env['PROFILE_ENGINE'] } : {}),
  });
  let loadStarted = 0;
  let stopped = 0;
  let loadEnded = 0;
  try {
    const token = await signAccessToken({ sub: 'bench', roles: ['admin'] }, { secret: new TextEncoder().encode(BENCH_JWT_SECRET) });
    const serviceIds: string[] = [];
    for (let index = 0; index < 20; index++) {
      const response = await fetch(`${app.baseUrl}/api/v1/services`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: serviceBody(`profile-seed-${index}`),
      });
      serviceIds.push(((await response.json()) as { id: string }).id);
    }
    progress(`[profile] ${caseId} for ${seconds} s`);
    loadStarted = Date.now();
    const figures = await runLoad(app.baseUrl, benchCase.request({ token, serviceIds }), 10, seconds);
    loadEnded = Date.now();
    progress(`[profile] ${figures.requestsPerSec} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ${figures.non2xx} non-2xx`);
  } finally {
    await app.stop();
    stopped = Date.now();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`No profile was written to ${profileDir}`);
  // The profile ends when the app exits: keep the load window only (not start-up, seeding or shutdown).
  const summary = summarizeCpuProfile(join(profileDir, file), root, { lastMs: loadEnded - loadStarted, endOffsetMs: stopped - loadEnded });
  const percent = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;
  process.stdout.write(`\nSelf time by area (${Math.round(summary.totalMs)} ms sampled, idle included):\n`);
  for (const area of summary.areas) process.stdout.write(`${percent(area.selfShare)}  ${area.frame}\n`);
  process.stdout.write('\nTop frames by self time:\n');
  for (const frame of summary.frames) process.stdout.write(`${percent(frame.selfShare)}  ${frame.frame}\n`);
  process.stdout.write('\nWho calls the top frames (nearest caller first):\n');
  for (const { frame, paths } of summary.callers) {
    process.stdout.write(`${frame}\n`);
    for (const path of paths) process.stdout.write(`  ${percent(path.selfShare)}  < ${path.frame}\n`);
  }
  process.stdout.write(`\nProfile: ${join(profileDir, file)}\n`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
