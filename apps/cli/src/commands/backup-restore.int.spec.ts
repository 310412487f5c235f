import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPlatform, waitUntil, type EmbeddedPlatformProcess, type JsonAnswer } from '@itsm/platform-kit';
import { runBackup } from './backup.command';
import { runRestore } from './restore.command';
import { runVerify } from './verify.command';

const INCIDENTS = 6;

/** The embedded shape: the runner's own DATABASE_URL (integration specs) must not send the commands to its server. */
const embeddedShape = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['EVENTSTORE_URL'];
  return env;
};

const officeHours = {
  name: 'Office hours',
  timeZone: 'Europe/Berlin',
  weeklyHours: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, from: '09:00', to: '17:00' })),
  holidays: ['2026-12-25'],
};
const targets = Object.fromEntries(['P1', 'P2', 'P3', 'P4', 'P5'].map((priority, index) => [priority, { responseMinutes: 30 * (index + 1), resolutionMinutes: 240 * (index + 1) }]));

const created = (answer: JsonAnswer) => {
  if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as { id: string };
};

/** What a client sees of the catalog and the incidents: the answers that must survive a backup and restore. */
const answersOf = async (platform: EmbeddedPlatformProcess, incidentIds: readonly string[], lastWrite: string) => {
  const read = async (path: string) => {
    // Read models answer once they have applied the last write (positions survive the restore).
    const answer = await platform.call(path, { headers: { 'x-wait-for-position': lastWrite } });
    return { status: answer.status, etag: answer.headers.get('etag'), body: answer.body };
  };
  const perIncident = [];
  for (const id of incidentIds) perIncident.push(await read(`/api/v1/incidents/${id}`), await read(`/api/v1/incidents/${id}/history`), await read(`/api/v1/incidents/${id}/sla`));
  return { services: await read('/api/v1/services'), calendars: await read('/api/v1/calendars'), incidents: await read('/api/v1/incidents?limit=100'), perIncident };
};

/** The list holds every incident: the read models have caught up with the log. */
const listHoldsAll = (platform: EmbeddedPlatformProcess) =>
  waitUntil(
    'the incident list to hold every incident',
    async () => {
      const list = await platform.call('/api/v1/incidents?limit=100');
      return list.body?.items?.length === INCIDENTS ? true : undefined;
    },
    120_000,
  );

describe('itsm backup while the platform runs, itsm restore into a new data directory, itsm verify', () => {
  jest.setTimeout(300_000);
  let folder: string;
  const running: EmbeddedPlatformProcess[] = [];
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'itsm-backup-restore-'));
    // The data directories go inside: when the suite runs as root, the server's own account must pass through.
    chmodSync(folder, 0o755);
  });
  afterAll(async () => {
    for (const platform of running) await platform.process.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('restores a directory that serves the same answers, verifies its hash chains, and goes on numbering where it stopped', async () => {
    const original = await startEmbeddedPlatform(join(folder, 'original'));
    running.push(original);
    const calendar = created(await original.call('/api/v1/calendars', { method: 'POST', body: officeHours }));
    const service = created(
      await original.call('/api/v1/services', { method: 'POST', body: { name: 'Email', kind: 'business', description: 'Mail', ownerGroup: 'messaging', supportGroup: 'service-desk' } }),
    );
    created(await original.call(`/api/v1/services/${service.id}/offerings`, { method: 'POST', body: { name: 'Gold', calendarId: calendar.id, default: true, slaTargets: targets } }));
    expect((await original.call(`/api/v1/services/${service.id}/go-live`, { method: 'POST' })).status).toBeLessThan(300);
    const incidentIds: string[] = [];
    for (let index = 0; index < INCIDENTS; index++) {
      const incident = created(
        await original.call('/api/v1/incidents', {
          method: 'POST',
          body: { shortDescription: `Mail bounce ${index}`, description: 'Mails bounce', callerId: 'carol', serviceId: service.id, impact: 1 + (index % 3), urgency: 2 },
        }),
      );
      incidentIds.push(incident.id);
    }
    const assigned = await original.call(`/api/v1/incidents/${incidentIds[0]}/assign`, { method: 'POST', body: { group: 'messaging', agent: 'dave' } });
    expect(assigned.status).toBe(200);
    const lastWrite = assigned.headers.get('x-log-position') as string;
    await listHoldsAll(original);
    const before = await answersOf(original, incidentIds, lastWrite);

    const backupFile = join(folder, 'platform.itsm-backup');
    const backup = await runBackup({ dataDir: join(folder, 'original'), out: backupFile, progressBar: false, quiet: true, env: embeddedShape() });
    expect(await original.process.stop(60_000)).toBe(0);
    expect(original.process.records.map((record) => record['msg'])).toEqual(expect.arrayContaining(['stopped cleanly', 'embedded PostgreSQL stopped (fast shutdown, checkpoint written)']));

    const restored = await runRestore(backupFile, { dataDir: join(folder, 'restored'), progressBar: false, quiet: true, env: embeddedShape() });
    const verified = await runVerify({ dataDir: join(folder, 'restored'), progressBar: false, quiet: true, env: embeddedShape() });
    expect(restored).toMatchObject({ events: backup.events, lastPosition: backup.lastPosition });
    expect(verified).toMatchObject({ ok: true, events: backup.events, lastPosition: backup.lastPosition });

    const successor = await startEmbeddedPlatform(join(folder, 'restored'));
    running.push(successor);
    await listHoldsAll(successor);
    expect(await answersOf(successor, incidentIds, lastWrite)).toEqual(before);
    const next = created(
      await successor.call('/api/v1/incidents', {
        method: 'POST',
        body: { shortDescription: 'After the restore', description: 'x', callerId: 'carol', serviceId: service.id, impact: 3, urgency: 3 },
      }),
    ) as { id: string; number?: string };
    expect(next.number).toBe(`INC${String(INCIDENTS + 1).padStart(7, '0')}`);
  });

  it('refuses a restore into a data directory that is not empty, and leaves it as it was', async () => {
    const occupied = join(folder, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'notes.txt'), 'mine');
    writeFileSync(join(folder, 'any.itsm-backup'), '');

    await expect(runRestore(join(folder, 'any.itsm-backup'), { dataDir: occupied, progressBar: false, quiet: true, env: embeddedShape() })).rejects.toThrow(/is not empty/);
    expect(readdirSync(occupied)).toEqual(['notes.txt']);
  });
});
