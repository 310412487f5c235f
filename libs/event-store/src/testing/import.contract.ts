import { describe, expect, it } from '@jest/globals';
import { GENESIS_HASH, verifyChain, type RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '../event-store.port';
import { sealEvents } from '../seal-events';
import { aNewEvent, rejectionOf, uniquePrefix, type HarnessAccess } from './contract-helpers';

const importOf = (store: EventStore): NonNullable<EventStore['importEvents']> => {
  if (!store.importEvents) throw new Error('The store was declared to import recorded events, but has no importEvents');
  return store.importEvents.bind(store);
};

const headOf = async (store: EventStore): Promise<number> => {
  let position = -1;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, maxCount: 10_000 });
    if (page.lastPosition === position) return position;
    position = page.lastPosition;
  }
};

/** Events as a backup holds them: sealed with their hash chain, at the given positions. */
const recordedAt = (streamId: string, positions: readonly number[]): RecordedEvent[] =>
  sealEvents(streamId, positions.map((_, index) => aNewEvent('Imported', { index })), -1, GENESIS_HASH, new Date('2026-03-01T10:00:00.123Z')).map(
    (event, index) => ({ ...event, globalPosition: positions[index] }),
  );

/** `importEvents`, for adapters that offer it (restoring a backup): events come back exactly, after the head. */
export const importCases = (harness: HarnessAccess): void => {
  describe('import of recorded events (restore)', () => {
    it('writes events back exactly (positions, times, hashes), and later appends continue the log and the chain', async () => {
      const { store } = harness();
      const streamId = `${uniquePrefix('import')}restored`;
      const head = await headOf(store);
      const events = recordedAt(streamId, [head + 5, head + 9]);

      await importOf(store)(events);

      expect(await store.readStream(streamId)).toEqual(events);
      const appended = await store.appendToStream(streamId, [aNewEvent('AfterRestore')], { expectedRevision: 1 });
      expect(appended.lastGlobalPosition).toBeGreaterThan(head + 9);
      expect(verifyChain(streamId, await store.readStream(streamId))).toMatchObject({ ok: true, eventsChecked: 3 });
    });

    it('refuses events at or below the head and writes none of the batch', async () => {
      const { store } = harness();
      const streamId = `${uniquePrefix('import-refused')}restored`;
      const head = await headOf(store);

      const error = await rejectionOf(importOf(store)(recordedAt(streamId, [head + 3, head])));

      expect(String(error)).toMatch(/after its head/);
      expect(await store.readStream(streamId)).toEqual([]);
    });
  });
};
