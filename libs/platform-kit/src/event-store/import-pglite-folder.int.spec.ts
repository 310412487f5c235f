import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { readNumberSequences } from '@itsm/operations';
import { openEventLog, type EventLogConfig } from './open-event-log';

const noted = (text: string): NewEvent => ({ type: 'IncidentNoted', data: { text }, metadata: { actor: { id: 'agent', role: 'agent', via: 'spec' }, correlationId: newId() } });

describe('a data directory written by an earlier version (PGlite)', () => {
  jest.setTimeout(120_000);
  let dataDir: string;
  const settings = (engine: 'pglite' | 'postgres'): EventLogConfig => ({ ITSM_DATA_DIR: dataDir, ITSM_EMBEDDED_ENGINE: engine, DATABASE_URL: undefined, EVENTSTORE_URL: undefined });
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'itsm-pglite-import-'));
    chmodSync(dataDir, 0o755);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is copied into the embedded PostgreSQL on first start, exactly, with its number sequences; the PGlite folder is kept aside', async () => {
    const earlier = await openEventLog(settings('pglite'));
    await earlier.db.exec('CREATE SCHEMA incidents; CREATE SEQUENCE incidents.incident_numbers AS bigint START 1');
    await earlier.db.query("SELECT nextval('incidents.incident_numbers') FROM generate_series(1, 17)");
    for (let stream = 0; stream < 5; stream++) await earlier.store.appendToStream(`incident-${stream}`, [noted('opened'), noted('worked')], { expectedRevision: 'no-stream' });
    const written = (await earlier.store.readAll({ fromPosition: -1 })).events;
    await earlier.close();

    const now = await openEventLog(settings('postgres'));
    try {
      expect((await now.store.readAll({ fromPosition: -1 })).events).toEqual(written);
      expect(await readNumberSequences(now.db)).toEqual([{ schema: 'incidents', name: 'incident_numbers', lastValue: '17' }]);
      expect(now.description).toMatch(/^embedded PostgreSQL/);
    } finally {
      await now.close();
    }
    const entries = readdirSync(dataDir);
    expect(entries).toContain('postgres');
    expect(entries).not.toContain('pglite');
    expect(entries.some((entry) => entry.startsWith('pglite.imported-'))).toBe(true);
    expect(existsSync(join(dataDir, 'postgres.import'))).toBe(false);
  });
});
