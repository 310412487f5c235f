import { describe, expect, it } from '@jest/globals';
import { verifyChain, WrongExpectedRevisionError } from '@itsm/event-sourcing';
import type { EventStore } from '../event-store.port';
import { aNewEvent, rejectionOf, uniquePrefix, type HarnessAccess } from './contract-helpers';

const multiStreamAppendOf = (store: EventStore): NonNullable<EventStore['appendToStreams']> => {
  if (!store.appendToStreams) throw new Error('The store was declared to append to several streams at once, but has no appendToStreams');
  return store.appendToStreams.bind(store);
};

/** `appendToStreams`, for adapters that offer it: atomic, in request order, each stream with its own revision and chain. */
export const multiStreamAppendCases = (harness: HarnessAccess): void => {
  describe('append to several streams at once', () => {
    it('writes every stream in the order given, each at its own revisions with an intact hash chain', async () => {
      const { store } = harness();
      const prefix = uniquePrefix('multi');
      const existing = `${prefix}existing`;
      await store.appendToStream(existing, [aNewEvent()], { expectedRevision: 'no-stream' });
      const appends = [
        { streamId: `${prefix}a`, events: [aNewEvent('A', { n: 1 }), aNewEvent('A', { n: 2 })], expectedRevision: 'no-stream' as const },
        { streamId: existing, events: [aNewEvent('B', { n: 3 })], expectedRevision: 0 },
        { streamId: `${prefix}c`, events: [aNewEvent('C', { n: 4 })], expectedRevision: 'any' as const },
      ];

      const results = await multiStreamAppendOf(store)(appends);

      expect(results.map((result) => result.nextExpectedRevision)).toEqual([1, 1, 0]);
      const positions = results.flatMap((result) => result.events.map((event) => event.globalPosition));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(4);
      for (const { streamId } of appends) expect(verifyChain(streamId, await store.readStream(streamId)).ok).toBe(true);
      expect((await store.readStream(existing)).map((event) => event.type)).toEqual(['ContractEventHappened', 'B']);
      const { events } = await store.readAll({ fromPosition: positions[0] - 1, filter: { streamPrefixes: [prefix] } });
      expect(events.map((event) => (event.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
    });

    it('is all or none: one refused expected revision leaves every stream unchanged', async () => {
      const { store } = harness();
      const prefix = uniquePrefix('multi-refused');
      const existing = `${prefix}existing`;
      await store.appendToStream(existing, [aNewEvent()], { expectedRevision: 'no-stream' });

      const error = await rejectionOf(
        multiStreamAppendOf(store)([
          { streamId: `${prefix}new`, events: [aNewEvent()], expectedRevision: 'no-stream' },
          { streamId: existing, events: [aNewEvent()], expectedRevision: 'no-stream' },
        ]),
      );

      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: existing, expected: 'no-stream', actual: 0 });
      expect(await store.readStream(`${prefix}new`)).toEqual([]);
      expect(await store.readStream(existing)).toHaveLength(1);
    });
  });
};
