import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '../event-store.port';
import { aNewEvent, idsOf, uniquePrefix, type HarnessAccess } from './contract-helpers';

/** Appends one event at a time, cycling over the streams; returns the events in append order. */
const appendRoundRobin = async (store: EventStore, streams: string[], types: string[], count: number) => {
  const appended: RecordedEvent[] = [];
  for (let n = 0; n < count; n++) {
    const result = await store.appendToStream(streams[n % streams.length], [aNewEvent(types[n % types.length], { n })], {
      expectedRevision: 'any',
    });
    appended.push(...result.events);
  }
  return appended;
};

export const readAllCases = (harness: HarnessAccess): void => {
  describe('readAll', () => {
    it('returns every stream in global order, after an exclusive start position', async () => {
      const { store } = harness();
      const prefix = uniquePrefix('order');
      const appended = await appendRoundRobin(store, [`${prefix}a`, `${prefix}b`, `${prefix}c`], ['Happened'], 9);

      const all = await store.readAll({ filter: { streamPrefixes: [prefix] } });
      const afterThird = await store.readAll({ fromPosition: appended[2].globalPosition, filter: { streamPrefixes: [prefix] } });

      expect(idsOf(all.events)).toEqual(idsOf(appended));
      expect(all.events).toEqual(appended);
      const positions = all.events.map((event) => event.globalPosition);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);
      expect(idsOf(afterThird.events)).toEqual(idsOf(appended.slice(3)));
      expect(all.lastPosition).toBeGreaterThanOrEqual(appended[8].globalPosition);
    });

    it('filters by event types and by stream-id prefixes (OR within a list, AND between lists)', async () => {
      const { store } = harness();
      const prefix = uniquePrefix('filter');
      const streams = [`${prefix}inc-1`, `${prefix}chg-1`];
      const appended = await appendRoundRobin(store, streams, ['Opened', 'Closed', 'Noted'], 12);
      const expected = (keep: (event: RecordedEvent) => boolean) => idsOf(appended.filter(keep));

      const byTypes = await store.readAll({ filter: { types: ['Opened', 'Closed'], streamPrefixes: [prefix] } });
      const byOnePrefix = await store.readAll({ filter: { streamPrefixes: [`${prefix}inc-`] } });
      const byTwoPrefixes = await store.readAll({ filter: { streamPrefixes: [`${prefix}inc-`, `${prefix}chg-`] } });
      const both = await store.readAll({ filter: { types: ['Noted'], streamPrefixes: [`${prefix}chg-`] } });

      expect(idsOf(byTypes.events)).toEqual(expected((event) => event.type !== 'Noted'));
      expect(idsOf(byOnePrefix.events)).toEqual(expected((event) => event.streamId === streams[0]));
      expect(idsOf(byTwoPrefixes.events)).toEqual(idsOf(appended));
      expect(idsOf(both.events)).toEqual(expected((event) => event.type === 'Noted' && event.streamId === streams[1]));
      expect(both.events.length).toBeGreaterThan(0);
    });

    it('pages with maxCount and continues from lastPosition without gaps or repeats', async () => {
      const { store } = harness();
      const prefix = uniquePrefix('paging');
      const appended = await appendRoundRobin(store, [`${prefix}a`, `${prefix}b`], ['Paged', 'Skipped'], 10);
      const filter = { streamPrefixes: [prefix], types: ['Paged'] };

      const pages: RecordedEvent[][] = [];
      let checkpoint: number | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await store.readAll({ fromPosition: checkpoint, maxCount: 2, filter });
        if (page.events.length === 0) break;
        expect(page.events.length).toBeLessThanOrEqual(2);
        expect(page.lastPosition).toBeGreaterThanOrEqual(page.events[page.events.length - 1].globalPosition);
        pages.push(page.events);
        checkpoint = page.lastPosition;
      }

      expect(pages.flat().map((event) => event.eventId)).toEqual(idsOf(appended.filter((event) => event.type === 'Paged')));
      expect(pages.length).toBe(3);
    });
  });
};

/** `headPosition`, for adapters that offer it: the last position, as far as a read of the whole log goes. */
export const headPositionCases = (harness: HarnessAccess): void => {
  describe('headPosition', () => {
    it('is the position of the last event appended, and what a read of the whole log reaches', async () => {
      const { store } = harness();
      const headPosition = () => (store.headPosition as () => Promise<number>).call(store);
      const prefix = uniquePrefix('head');
      const appended = await appendRoundRobin(store, [`${prefix}a`, `${prefix}b`], ['Happened'], 3);

      expect(await headPosition()).toBe(appended[2].globalPosition);
      const after = await store.appendToStream(`${prefix}a`, [aNewEvent('Happened', {})], { expectedRevision: 'any' });
      expect(await headPosition()).toBe(after.lastGlobalPosition);
      const probe = await store.readAll({ fromPosition: appended[0].globalPosition, maxCount: 1, filter: { types: [`${prefix}none`] } });
      expect(probe.lastPosition).toBe(after.lastGlobalPosition);
    });
  });
};
