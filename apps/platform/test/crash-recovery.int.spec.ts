/**
 * @slow about ten minutes on two cores (seeds 100,000 events, then ten kill-and-restart rounds): the test
 * sequencer (tools/jest/slow-first-sequencer.cjs) starts it first so the other suites run beside it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedPlatform, waitUntil, type EmbeddedPlatformProcess } from '@itsm/platform-kit';
import { AcknowledgedWrites } from './crash/acknowledged-writes';
import { runClients } from './crash/crash-load';
import { findAcknowledged, postmasterPidOf, verifyLogOf } from './crash/platform-checks';

const ROUNDS = 10;
const CLIENTS = 8;
/** About 8.7 events each: the directory holds over 100,000 events before the first kill. */
const SEEDED_INCIDENTS = 12_000;
const MIN_EVENTS_BEFORE = 100_000;

const workspaceRoot = resolve(__dirname, '../../..');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** `itsm seed incidents` on the data directory, as a user would run it before starting the platform. */
const seed = (dataDir: string) => {
  const env: NodeJS.ProcessEnv = { ...process.env, ITSM_DATA_DIR: dataDir };
  delete env['DATABASE_URL'];
  const seeded = spawnSync(process.execPath, ['apps/cli/bin/itsm.js', 'seed', 'incidents', '--count', String(SEEDED_INCIDENTS)], { cwd: workspaceRoot, env, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seeding failed (${seeded.status}): ${seeded.stderr}`);
};

interface RoundReport {
  round: number;
  killed: string;
  killedAfterMs: number;
  acknowledged: number;
  acknowledgedSoFar: number;
  unanswered: number;
  foundById: number;
  foundInList: number;
  assignedSoFar: number;
  assignedInQueue: number;
  restartMs: number;
  eventsVerified: number;
}

describe('crash safety of the embedded shape: kill -9 at random moments under load', () => {
  jest.setTimeout(40 * 60_000);
  let folder: string;
  let dataDir: string;
  let platform: EmbeddedPlatformProcess | undefined;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'itsm-crash-'));
    chmodSync(folder, 0o755);
    dataDir = join(folder, 'data');
    seed(dataDir);
  });
  afterAll(async () => {
    await platform?.process.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write through ${ROUNDS} kills of a platform written to by ${CLIENTS} clients`, async () => {
    const before = await verifyLogOf(dataDir);
    expect(before).toMatchObject({ ok: true });
    expect(before.events).toBeGreaterThanOrEqual(MIN_EVENTS_BEFORE);
    platform = await startEmbeddedPlatform(dataDir);
    const services = await platform.call('/api/v1/services?limit=100');
    const serviceIds = services.body.items.filter((service: { lifecycle: string }) => service.lifecycle === 'live').map((service: { id: string }) => service.id);
    const writes = new AcknowledgedWrites();
    const reports: RoundReport[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      const unansweredBefore = writes.unanswered;
      const loadStarted = Date.now();
      const load = runClients(platform, writes, round, CLIENTS, serviceIds);
      // A random moment once writes are being acknowledged (on a loaded machine the first may take seconds to come).
      await waitUntil(`round ${round}'s first acknowledged write`, () => writes.ofRound(round).length > 0, 120_000);
      await sleep(500 + Math.round(Math.random() * 3_000));
      const killedAfterMs = Date.now() - loadStarted;
      // Odd rounds: the node process alone (its server is left running). Even rounds: the server too, as power loss would.
      const withServer = round % 2 === 0;
      const postmaster = postmasterPidOf(dataDir);
      platform.process.child.kill('SIGKILL');
      if (withServer) process.kill(postmaster, 'SIGKILL');
      await platform.process.exited;
      await load.finished;

      const restarting = Date.now();
      platform = await startEmbeddedPlatform(dataDir);
      const restartMs = Date.now() - restarting;
      const findings = await findAcknowledged(platform, writes);
      const verified = await verifyLogOf(dataDir);
      expect(verified.firstFailure).toBeNull();
      reports.push({
        round,
        killed: withServer ? 'platform + PostgreSQL' : 'platform',
        killedAfterMs,
        acknowledged: writes.ofRound(round).length,
        acknowledgedSoFar: writes.incidents.size,
        unanswered: writes.unanswered - unansweredBefore,
        foundById: findings.foundById,
        foundInList: findings.foundInList,
        assignedSoFar: [...writes.incidents.values()].filter((incident) => incident.state === 'assigned').length,
        assignedInQueue: findings.assignedInQueue,
        restartMs,
        eventsVerified: verified.events,
      });
    }

    process.stdout.write(`\nCrash rounds (SIGKILL under ${CLIENTS} writing clients, ${before.events} events before the first):\n`);
    console.table(reports);
    for (const report of reports) {
      expect(report.acknowledged).toBeGreaterThan(0);
      expect(report.foundById).toBe(report.acknowledgedSoFar);
      expect(report.foundInList).toBe(report.acknowledgedSoFar);
      expect(report.assignedInQueue).toBe(report.assignedSoFar);
    }
    // A clean stop under a loaded machine may take a while (projections finish their batch): SIGKILL only after a minute.
    expect(await platform.process.stop(60_000)).toBe(0);
  });
});
