import { describe, expect, it } from '@jest/globals';
import { waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { aNewEvent, idsOf, sleep, uniquePrefix, type HarnessAccess } from './contract-helpers';

/**
 * The global order must have no holes that fill later: a reader that has reached position P has seen every
 * event that will ever sit at or below P, even one whose append commits after later-positioned ones.
 */
export const lateCommitCases = (harness: HarnessAccess, adapterName: string, canHoldAppends: boolean): void => {
  describe('global order without holes', () => {
    if (canHoldAppends) {
      it('late commit: an append held open is not passed over by readAll or a subscription', async () => {
        const { store, holdAppendOpen } = harness();
        const prefix = uniquePrefix('late');
        const filter = { streamPrefixes: [prefix] };
        const start = (await store.readAll({ filter })).lastPosition;
        const delivered: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({ fromCheckpoint: start, filter, onEvent: async (event) => void delivered.push(event) });

        const held = await (holdAppendOpen as NonNullable<typeof holdAppendOpen>)(`${prefix}held`, [aNewEvent('HeldBack')]);
        const others = [1, 2, 3, 4].map((n) =>
          store.appendToStream(`${prefix}other-${n}`, [aNewEvent('CommittedMeanwhile', { n })], { expectedRevision: 'no-stream' }),
        );
        let during: Awaited<ReturnType<typeof store.readAll>>;
        try {
          // The other appends have reached the storage: all committed around the held one, or (some of) them wait
          // behind it. A store that commits concurrent appends together (group commit) has them all in one waiting
          // transaction, so "waiting" counts transactions, not appends.
          await waitUntil(
            'the 4 other appends to commit or to wait behind the held one',
            async () => (await store.readAll({ fromPosition: start, filter })).events.length >= 4 || (await held.waitingBehind()) > 0,
            15_000,
          );
          during = await store.readAll({ fromPosition: start, filter });
          // Asked of the storage after the read: the held append was still uncommitted while the reader read.
          expect(await held.isOpen()).toBe(true);
        } finally {
          await held.release();
        }
        expect(await held.isOpen()).toBe(false);
        await Promise.all(others);

        const final = await store.readAll({ fromPosition: start, filter });
        expect(final.events).toHaveLength(5);
        // Whatever the reader had passed while the append was held, it had fully seen.
        const atOrBelowCheckpoint = final.events.filter((event) => event.globalPosition <= during.lastPosition);
        expect(idsOf(atOrBelowCheckpoint)).toEqual(idsOf(during.events));
        await waitUntil('the subscription to deliver all 5 events', () => delivered.length >= 5, 15_000);
        await sleep(100);
        await subscription.stop();
        expect(idsOf(delivered)).toEqual(idsOf(final.events));
      });
    }

    const name = canHoldAppends
      ? 'readers polling during concurrent appends miss nothing and see nothing twice'
      : `late commit: not applicable to ${adapterName} (commit order is the log order); readers polling during concurrent appends miss nothing and see nothing twice`;
    it(name, async () => {
      const { store } = harness();
      const prefix = uniquePrefix('readers');
      const filter = { streamPrefixes: [prefix] };
      const start = (await store.readAll({ filter })).lastPosition;
      let writing = true;
      const writers = Promise.all(
        [1, 2, 3, 4].map(async (writer) => {
          for (let revision = 0; revision < 8; revision++) {
            await store.appendToStream(`${prefix}${writer}`, [aNewEvent('Written', { writer, revision })], {
              expectedRevision: revision === 0 ? 'no-stream' : revision - 1,
            });
          }
        }),
      ).finally(() => (writing = false));

      const seen: RecordedEvent[] = [];
      let checkpoint = start;
      const readOnce = async () => {
        const page = await store.readAll({ fromPosition: checkpoint, maxCount: 5, filter });
        seen.push(...page.events);
        checkpoint = page.lastPosition;
        return page.events.length;
      };
      while (writing) await readOnce();
      await writers;
      while ((await readOnce()) > 0);

      const final = await store.readAll({ fromPosition: start, filter });
      expect(final.events).toHaveLength(32);
      expect(idsOf(seen)).toEqual(idsOf(final.events));
    });
  });
};
