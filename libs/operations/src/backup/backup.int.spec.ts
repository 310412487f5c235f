import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { createPgliteEventStore, createPgliteExecutor, ERASED_FIELD_VALUE, openPglite, protectPersonalData, sqlSubjectKeys, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { verifyEventLog } from '../verify/verify-event-log';
import { InvalidBackup } from './backup-format';
import { readNumberSequences } from './number-sequences';
import { restoreBackup, RestoreTargetNotEmpty } from './restore-backup';
import { writeBackup } from './write-backup';

interface Log {
  store: EventStore;
  db: SqlExecutor;
  close(): Promise<void>;
}

const openLog = async (): Promise<Log> => {
  const pglite = await openPglite();
  const db = createPgliteExecutor(pglite, { ownsDatabase: true });
  const store = await createPgliteEventStore({ db: pglite });
  return { store, db, close: async () => void (await Promise.all([store.close(), db.close()])) };
};

const noted = (text: string): NewEvent => ({
  type: 'IncidentNoted',
  data: { text },
  metadata: { actor: { id: 'agent-1', role: 'agent', via: 'spec' }, correlationId: newId() },
});

const everyEvent = async (store: EventStore) => (await store.readAll({ fromPosition: -1 })).events;

/** Rewrites the backup's lines (decompressed) and compresses them again. */
const editBackup = (file: string, edit: (lines: string[]) => string[]) =>
  writeFileSync(file, gzipSync(`${edit(gunzipSync(readFileSync(file)).toString().trimEnd().split('\n')).join('\n')}\n`));

describe('backup and restore of the event log', () => {
  let folder: string;
  let source: Log;
  const opened: Log[] = [];
  const freshLog = async () => {
    const log = await openLog();
    opened.push(log);
    return log;
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'itsm-backup-'));
    source = await freshLog();
    await source.db.exec('CREATE SCHEMA incidents; CREATE SEQUENCE incidents.incident_numbers AS bigint START 1');
    await source.db.query("SELECT nextval('incidents.incident_numbers') FROM generate_series(1, 42)");
    for (let stream = 0; stream < 12; stream++) {
      await source.store.appendToStream(`incident-${stream}`, [noted('opened'), noted('worked')], { expectedRevision: 'no-stream' });
    }
    // A refused append leaves a gap in the positions, which the restore keeps.
    await source.store.appendToStream('incident-0', [noted('late')], { expectedRevision: 0 }).catch(() => undefined);
    await source.store.appendToStream('incident-0', [noted('resolved')], { expectedRevision: 1 });
  });
  afterAll(async () => {
    for (const log of opened) await log.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('restores every event exactly (positions, times, hashes), the number sequences and the secrets, and the result verifies', async () => {
    const file = join(folder, 'round-trip.itsm-backup');
    const progress: number[] = [];

    const backup = await writeBackup({ ...source, description: 'spec', secrets: { 'jwt-secret': 'k'.repeat(40) } }, file, {
      batchSize: 5,
      onProgress: ({ events }) => progress.push(events),
    });
    const target = await freshLog();
    const restored = await restoreBackup(file, target, { batchSize: 7 });

    expect(backup).toMatchObject({ events: 25, sequences: 1 });
    expect(progress.length).toBeGreaterThan(3);
    expect(restored).toMatchObject({ events: 25, lastPosition: backup.lastPosition, secrets: { 'jwt-secret': 'k'.repeat(40) } });
    expect(await everyEvent(target.store)).toEqual(await everyEvent(source.store));
    expect(await readNumberSequences(target.db)).toEqual([{ schema: 'incidents', name: 'incident_numbers', lastValue: '42' }]);
    expect(await verifyEventLog(target.store)).toMatchObject({ ok: true, events: 25, streams: 12 });
    const next = await target.store.appendToStream('incident-1', [noted('after restore')], { expectedRevision: 1 });
    expect(next.lastGlobalPosition).toBeGreaterThan(backup.lastPosition);
  });

  it("keeps the data subjects' keys: personal fields read back after a restore, an erased subject stays erased", async () => {
    const policy = { Opened: { subject: { field: 'callerId' }, fields: ['callerId', 'text'] } } as const;
    const withKeys = async (log: Log) => protectPersonalData(log.store, { keys: await sqlSubjectKeys(log.db), policy });
    const origin = await freshLog();
    const protectedOrigin = await withKeys(origin);
    const opened = (callerId: string): NewEvent => ({ type: 'Opened', data: { callerId, text: `said by ${callerId}` }, metadata: noted('x').metadata });
    await protectedOrigin.appendToStream('incident-kept', [opened('caller-kept')], { expectedRevision: 'no-stream' });
    await protectedOrigin.appendToStream('incident-gone', [opened('caller-gone')], { expectedRevision: 'no-stream' });
    await protectedOrigin.vault.erase('caller-gone');
    const file = join(folder, 'with-keys.itsm-backup');
    await writeBackup({ ...origin, storedStore: origin.store, store: protectedOrigin, description: 'spec' }, file);
    expect(gunzipSync(readFileSync(file)).toString()).not.toContain('said by');

    const target = await freshLog();
    await restoreBackup(file, target);
    const restored = await withKeys(target);
    expect((await restored.readStream('incident-kept'))[0].data).toEqual({ callerId: 'caller-kept', text: 'said by caller-kept' });
    expect((await restored.readStream('incident-gone'))[0].data).toEqual({ callerId: ERASED_FIELD_VALUE, text: ERASED_FIELD_VALUE });
    // Subject references survive too: erasing the kept caller in the restored log finds its key.
    expect((await restored.vault.erase('caller-kept')).keysErased).toBe(1);
  });

  it('refuses a backup cut short, or altered after it was written, and restores nothing', async () => {
    const cut = join(folder, 'cut.itsm-backup');
    const altered = join(folder, 'altered.itsm-backup');
    await writeBackup({ ...source, description: 'spec' }, cut);
    await writeBackup({ ...source, description: 'spec' }, altered);
    editBackup(cut, (lines) => lines.slice(0, -3));
    editBackup(altered, (lines) => lines.map((line) => line.replace('"text":"worked"', '"text":"w0rked"')));
    const target = await freshLog();

    await expect(restoreBackup(cut, target)).rejects.toThrow(/ends without its trailer/);
    await expect(restoreBackup(altered, target)).rejects.toThrow(InvalidBackup);
    await expect(restoreBackup(altered, target)).rejects.toThrow(/SHA-256 does not match/);
    expect(await everyEvent(target.store)).toEqual([]);
  });

  it('refuses an altered event even when the file digest was recomputed: the hash chain names it', async () => {
    const forged = join(folder, 'forged.itsm-backup');
    await writeBackup({ ...source, description: 'spec' }, forged);
    editBackup(forged, (lines) => {
      const body = lines.slice(0, -1).map((line) => line.replace('"text":"resolved"', '"text":"never happened"'));
      const trailer = JSON.parse(lines[lines.length - 1]);
      trailer.trailer.sha256 = createHash('sha256').update(body.map((line) => `${line}\n`).join('')).digest('hex');
      return [...body, JSON.stringify(trailer)];
    });
    const target = await freshLog();

    await expect(restoreBackup(forged, target)).rejects.toThrow(/does not verify: hash-mismatch at position \d+ \(incident-0@2\)/);
    expect(await everyEvent(target.store)).toEqual([]);
  });

  it('refuses to restore over a log that already holds events', async () => {
    const file = join(folder, 'again.itsm-backup');
    await writeBackup({ ...source, description: 'spec' }, file);

    await expect(restoreBackup(file, source)).rejects.toThrow(RestoreTargetNotEmpty);
  });
});
