import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChain } from '@itsm/event-sourcing';
import { aNewEvent } from '../testing';
import { createPgliteEventStore } from './create-postgres-event-store';

describe('PGlite event store on a data directory', () => {
  const tempDir = mkdtempSync(join(tmpdir(), 'itsm-pglite-'));
  // A nested path, as `./data/pglite` is on a fresh checkout: the store creates the missing folders.
  const dataDir = join(tempDir, 'data', 'pglite');
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

  it('keeps the log across close and reopen, and continues the stream and the global order', async () => {
    const first = await createPgliteEventStore({ dataDir });
    const written = await first.appendToStream('incident-persisted', [aNewEvent('Opened'), aNewEvent('Assigned')], {
      expectedRevision: 'no-stream',
    });
    await first.close();

    const reopened = await createPgliteEventStore({ dataDir });
    try {
      expect(await reopened.readStream('incident-persisted')).toEqual(written.events);
      const next = await reopened.appendToStream('incident-persisted', [aNewEvent('Resolved')], { expectedRevision: 1 });
      expect(next.events[0].globalPosition).toBeGreaterThan(written.lastGlobalPosition);
      const all = await reopened.readAll();
      expect(all.events.map((event) => event.type)).toEqual(['Opened', 'Assigned', 'Resolved']);
      expect(verifyChain('incident-persisted', await reopened.readStream('incident-persisted')).ok).toBe(true);
    } finally {
      await reopened.close();
    }
  });
});
