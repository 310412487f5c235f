import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedPlatform, type EmbeddedPlatformProcess } from '@itsm/platform-kit';

const workspaceRoot = resolve(__dirname, '../../..');

describe('a platform started on a data directory that `itsm seed incidents` wrote', () => {
  jest.setTimeout(10 * 60_000);
  let folder: string;
  let platform: EmbeddedPlatformProcess | undefined;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'itsm-seeded-'));
    // PostgreSQL runs as the postgres account when the specs run as root: it must reach the data directory.
    chmodSync(folder, 0o755);
  });
  afterAll(async () => {
    await platform?.process.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('opens an incident on a seeded service and answers its SLA', async () => {
    const dataDir = join(folder, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, ITSM_DATA_DIR: dataDir };
    delete env['DATABASE_URL'];
    const seeded = spawnSync(process.execPath, ['apps/cli/bin/itsm.js', 'seed', 'incidents', '--count', '20', '--services', '2'], {
      cwd: workspaceRoot,
      env,
      encoding: 'utf8',
    });
    expect({ exit: seeded.status, stderr: seeded.status === 0 ? '' : seeded.stderr }).toEqual({ exit: 0, stderr: '' });

    platform = await startEmbeddedPlatform(dataDir);
    const services = await platform.call('/api/v1/services?limit=10');
    const live = services.body.items.find((service: { lifecycle: string }) => service.lifecycle === 'live');
    const opened = await platform.call('/api/v1/incidents', {
      method: 'POST',
      body: { shortDescription: 'Mail down', description: 'No mail since 9:00', callerId: 'spec-admin', serviceId: live.id, impact: 2, urgency: 2 },
    });
    expect(opened.status).toBe(201);
    const sla = await platform.call(`/api/v1/incidents/${opened.body.id}/sla`);
    expect(sla.status).toBe(200);
    // The seeded default offering (Gold) has SLA targets, so both timers run from the open.
    expect(sla.body.timers.map((timer: { kind: string; state: string }) => [timer.kind, timer.state])).toEqual([
      ['response', 'running'],
      ['resolution', 'running'],
    ]);
  });
});
