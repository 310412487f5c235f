import { describe, expect, it } from '@jest/globals';
import { waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '../event-store.port';
import { aNewEvent, idsOf, sleep, uniquePrefix, type HarnessAccess } from './contract-helpers';

const appendMany = async (store: EventStore, streams: string[], count: number, label: string) => {
  for (let n = 0; n < count; n++) {
    await store.appendToStream(streams[n % streams.length], [aNewEvent('Subscribed', { label, n })], { expectedRevision: 'any' });
  }
};

export const subscriptionCases = (harness: HarnessAccess): void => {
  describe('subscribeToAll', () => {
    it('delivers every event exactly once, in order, across a stop and a restart from the saved checkpoint', async () => {
      const { store } = harness();
      const prefix = uniquePrefix('resume');
      const streams = [`${prefix}a`, `${prefix}b`];
      const filter = { streamPrefixes: [prefix] };
      await appendMany(store, streams, 6, 'before');

      const firstRun: RecordedEvent[] = [];
      const first = store.subscribeToAll({ filter, batchSize: 2, onEvent: async (event) => void firstRun.push(event) });
      await waitUntil('the first run to handle 3 events', () => firstRun.length >= 3, 15_000);
      await first.stop();
      const saved = first.checkpoint;
      expect(saved).toBe(firstRun[firstRun.length - 1].globalPosition);

      await appendMany(store, streams, 4, 'while-stopped');
      const reopened = await harness().reopen();
      const secondRun: RecordedEvent[] = [];
      const second = reopened.subscribeToAll({ fromCheckpoint: saved, filter, batchSize: 2, onEvent: async (event) => void secondRun.push(event) });
      await appendMany(reopened, streams, 5, 'after-restart');
      await waitUntil('both runs to handle all 15 events', () => firstRun.length + secondRun.length >= 15, 15_000);
      await sleep(100);
      await second.stop();

      const log = await reopened.readAll({ filter });
      expect(log.events).toHaveLength(15);
      expect(idsOf([...firstRun, ...secondRun])).toEqual(idsOf(log.events));
      expect(second.checkpoint).toBe(log.events[14].globalPosition);
    });

    it('starts after the given checkpoint and delivers only matching events', async () => {
      const { store } = harness();
      const prefix = uniquePrefix('from');
      const appended: RecordedEvent[] = [];
      for (const type of ['Kept', 'Dropped', 'Kept', 'Kept', 'Dropped', 'Kept']) {
        appended.push(...(await store.appendToStream(`${prefix}1`, [aNewEvent(type)], { expectedRevision: 'any' })).events);
      }

      const received: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({
        fromCheckpoint: appended[2].globalPosition,
        filter: { streamPrefixes: [prefix], types: ['Kept'] },
        onEvent: async (event) => void received.push(event),
      });
      await waitUntil('the two later Kept events', () => received.length >= 2, 15_000);
      await sleep(100);
      await subscription.stop();

      expect(idsOf(received)).toEqual(idsOf([appended[3], appended[5]]));
    });

    it('stop() waits for the event being handled, and nothing is delivered after it', async () => {
      const { store } = harness();
      const prefix = uniquePrefix('stop');
      await store.appendToStream(`${prefix}1`, [aNewEvent(), aNewEvent(), aNewEvent()], { expectedRevision: 'no-stream' });

      let releaseHandler = (): void => undefined;
      const handlerGate = new Promise<void>((resolve) => (releaseHandler = resolve));
      const handled: RecordedEvent[] = [];
      let entered = 0;
      const subscription = store.subscribeToAll({
        filter: { streamPrefixes: [prefix] },
        onEvent: async (event) => {
          entered += 1;
          await handlerGate;
          handled.push(event);
        },
      });
      await waitUntil('the handler to start on the first event', () => entered === 1, 15_000);
      let stopped = false;
      const stopping = subscription.stop().then(() => (stopped = true));
      await sleep(100);
      expect(stopped).toBe(false);

      releaseHandler();
      await stopping;
      await sleep(100);
      expect(entered).toBe(1);
      expect(handled).toHaveLength(1);
      expect(subscription.checkpoint).toBe(handled[0].globalPosition);
    });

    it('reports a handler failure to onError and stops at the last handled event', async () => {
      const { store } = harness();
      const prefix = uniquePrefix('failing');
      const appended = await store.appendToStream(`${prefix}1`, [aNewEvent('Fine'), aNewEvent('Poison'), aNewEvent('Fine')], {
        expectedRevision: 'no-stream',
      });
      const failure = new Error('projection failed');
      const handled: RecordedEvent[] = [];
      let reported: unknown;

      const subscription = store.subscribeToAll({
        filter: { streamPrefixes: [prefix] },
        onEvent: async (event) => {
          if (event.type === 'Poison') throw failure;
          handled.push(event);
        },
        onError: (error) => (reported = error),
      });
      await waitUntil('onError', () => reported !== undefined, 15_000);
      await subscription.stop();

      expect(reported).toBe(failure);
      expect(idsOf(handled)).toEqual([appended.events[0].eventId]);
      expect(subscription.checkpoint).toBe(appended.events[0].globalPosition);
    });
  });
};
