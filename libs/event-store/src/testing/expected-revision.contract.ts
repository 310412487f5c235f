import { describe, expect, it } from '@jest/globals';
import { verifyChain, WrongExpectedRevisionError } from '@itsm/event-sourcing';
import { aNewEvent, rejectionOf, uniquePrefix, type HarnessAccess } from './contract-helpers';

export const expectedRevisionCases = (harness: HarnessAccess): void => {
  describe('expected revision', () => {
    const streamWithEvents = async (label: string, count: number): Promise<string> => {
      const streamId = `${uniquePrefix(label)}1`;
      if (count > 0) {
        const events = Array.from({ length: count }, () => aNewEvent());
        await harness().store.appendToStream(streamId, events, { expectedRevision: 'no-stream' });
      }
      return streamId;
    };

    it('no-stream: creates a new stream, refuses an existing one with the typed conflict', async () => {
      const { store } = harness();
      const fresh = await streamWithEvents('nostream', 0);
      const existing = await streamWithEvents('nostream', 1);

      await store.appendToStream(fresh, [aNewEvent()], { expectedRevision: 'no-stream' });
      const error = await rejectionOf(store.appendToStream(existing, [aNewEvent()], { expectedRevision: 'no-stream' }));

      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: existing, expected: 'no-stream', actual: 0 });
      expect(await store.readStream(existing)).toHaveLength(1);
    });

    it('stream-exists: refuses an empty stream, appends to an existing one', async () => {
      const { store } = harness();
      const fresh = await streamWithEvents('exists', 0);
      const existing = await streamWithEvents('exists', 2);

      const error = await rejectionOf(store.appendToStream(fresh, [aNewEvent()], { expectedRevision: 'stream-exists' }));
      const appended = await store.appendToStream(existing, [aNewEvent()], { expectedRevision: 'stream-exists' });

      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: fresh, expected: 'stream-exists', actual: -1 });
      expect(await store.readStream(fresh)).toEqual([]);
      expect(appended.nextExpectedRevision).toBe(2);
    });

    it('exact revision: appends at the current revision, refuses a stale or future one', async () => {
      const { store } = harness();
      const streamId = await streamWithEvents('exact', 2);

      const stale = await rejectionOf(store.appendToStream(streamId, [aNewEvent()], { expectedRevision: 0 }));
      const future = await rejectionOf(store.appendToStream(streamId, [aNewEvent()], { expectedRevision: 5 }));
      const appended = await store.appendToStream(streamId, [aNewEvent()], { expectedRevision: 1 });

      expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
      expect(stale).toMatchObject({ streamId, expected: 0, actual: 1 });
      expect(future).toMatchObject({ expected: 5, actual: 1 });
      expect(appended.nextExpectedRevision).toBe(2);
      expect(await store.readStream(streamId)).toHaveLength(3);
    });

    it('any: appends whether or not the stream exists', async () => {
      const { store } = harness();
      const fresh = await streamWithEvents('any', 0);
      const existing = await streamWithEvents('any', 3);

      const created = await store.appendToStream(fresh, [aNewEvent()], { expectedRevision: 'any' });
      const continued = await store.appendToStream(existing, [aNewEvent()], { expectedRevision: 'any' });

      expect(created.nextExpectedRevision).toBe(0);
      expect(continued.nextExpectedRevision).toBe(3);
    });

    it('50 concurrent appends at the same expected revision: exactly one wins, the others get the conflict', async () => {
      const { store } = harness();
      const streamId = await streamWithEvents('race', 1);

      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, n) => store.appendToStream(streamId, [aNewEvent('Raced', { n })], { expectedRevision: 0 })),
      );

      const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(49);
      for (const loser of losers) expect(loser).toBeInstanceOf(WrongExpectedRevisionError);
      const stored = await store.readStream(streamId);
      expect(stored.map((event) => event.streamRevision)).toEqual([0, 1]);
      expect(stored[1].eventId).toBe(winners[0].status === 'fulfilled' ? winners[0].value.events[0].eventId : undefined);
    });

    it('concurrent appends with "any" all land, with contiguous revisions and an intact hash chain', async () => {
      const { store } = harness();
      const streamId = await streamWithEvents('anyrace', 0);

      await Promise.all(Array.from({ length: 20 }, (_, n) => store.appendToStream(streamId, [aNewEvent('Raced', { n })], { expectedRevision: 'any' })));

      const stored = await store.readStream(streamId);
      expect(stored.map((event) => event.streamRevision)).toEqual(Array.from({ length: 20 }, (_, n) => n));
      expect(verifyChain(streamId, stored).ok).toBe(true);
    });
  });
};
