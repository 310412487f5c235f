import { describe, expect, it } from '@jest/globals';
import { verifyChain, WrongExpectedRevisionError } from '@itsm/event-sourcing';
import { aNewEvent, messageOf, rejectionOf, sleep, uniquePrefix, type HarnessAccess } from './contract-helpers';

export const historyCases = (harness: HarnessAccess, adapterName: string, canAttemptRewrite: boolean): void => {
  describe('history', () => {
    it('asOf reads a stream as it was at a point in time', async () => {
      const { store } = harness();
      const streamId = `${uniquePrefix('asof')}1`;
      const first = await store.appendToStream(streamId, [aNewEvent('Opened'), aNewEvent('Assigned')], { expectedRevision: 'no-stream' });
      await sleep(5);
      const second = await store.appendToStream(streamId, [aNewEvent('Resolved')], { expectedRevision: 1 });
      const firstRecordedAt = new Date(first.events[1].recordedAt);

      expect(new Date(second.events[0].recordedAt).getTime()).toBeGreaterThan(firstRecordedAt.getTime());
      expect(await store.readStream(streamId, { asOf: firstRecordedAt })).toEqual(first.events);
      expect(await store.readStream(streamId, { asOf: new Date(second.events[0].recordedAt) })).toHaveLength(3);
      expect(await store.readStream(streamId, { asOf: new Date(firstRecordedAt.getTime() - 1) })).toEqual([]);
    });

    if (canAttemptRewrite) {
      it('append-only: the storage itself refuses UPDATE and DELETE of events', async () => {
        const { store, attemptRewrite } = harness();
        const streamId = `${uniquePrefix('rewrite')}1`;
        await store.appendToStream(streamId, [aNewEvent(), aNewEvent()], { expectedRevision: 'no-stream' });
        const before = await store.readStream(streamId);

        const { updateError, deleteError } = await (attemptRewrite as NonNullable<typeof attemptRewrite>)(streamId);

        expect(messageOf(updateError)).toMatch(/append-only/i);
        expect(messageOf(deleteError)).toMatch(/append-only/i);
        expect(await store.readStream(streamId)).toEqual(before);
      });
    } else {
      it(`append-only: ${adapterName} storage has no UPDATE/DELETE; writing at a past revision is refused and history is unchanged`, async () => {
        const { store } = harness();
        const streamId = `${uniquePrefix('rewrite')}1`;
        await store.appendToStream(streamId, [aNewEvent(), aNewEvent()], { expectedRevision: 'no-stream' });
        const before = await store.readStream(streamId);

        const overwrite = await rejectionOf(store.appendToStream(streamId, [aNewEvent()], { expectedRevision: 0 }));
        const recreate = await rejectionOf(store.appendToStream(streamId, [aNewEvent()], { expectedRevision: 'no-stream' }));

        expect(overwrite).toBeInstanceOf(WrongExpectedRevisionError);
        expect(recreate).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(streamId)).toEqual(before);
      });
    }

    it('hash chain: verifyChain accepts the stored stream and detects an event altered behind the store', async () => {
      const { store, tamperWithEvent } = harness();
      const streamId = `${uniquePrefix('chain')}1`;
      await store.appendToStream(streamId, [aNewEvent('Costed', { amount: 10 }), aNewEvent('Costed', { amount: 20 })], { expectedRevision: 'no-stream' });
      await store.appendToStream(streamId, [aNewEvent('Costed', { amount: 30 }), aNewEvent('Costed', { amount: 40 })], { expectedRevision: 1 });
      const intact = await store.readStream(streamId);
      expect(verifyChain(streamId, intact)).toMatchObject({ ok: true, eventsChecked: 4, lastHash: intact[3].hash });

      const { tamperedRevision } = await tamperWithEvent(streamId, 2, { amount: 1_000_000 });

      const tampered = await store.readStream(streamId);
      expect(tampered[tamperedRevision].data).toEqual({ amount: 1_000_000 });
      expect(tampered[tamperedRevision].hash).toBe(intact[2].hash);
      const verification = verifyChain(streamId, tampered);
      expect(verification.ok).toBe(false);
      expect(verification.eventsChecked).toBe(tamperedRevision);
      expect(verification.firstBreak).toMatchObject({
        streamRevision: tamperedRevision,
        reason: 'hash-mismatch',
        eventId: tampered[tamperedRevision].eventId,
      });
    });

    it('a reopened store reads the same log and continues its streams and hash chains', async () => {
      const { store, reopen } = harness();
      const streamId = `${uniquePrefix('reopen')}1`;
      const written = await store.appendToStream(streamId, [aNewEvent(), aNewEvent()], { expectedRevision: 'no-stream' });

      const reopened = await reopen();
      expect(await reopened.readStream(streamId)).toEqual(written.events);
      const stale = await rejectionOf(reopened.appendToStream(streamId, [aNewEvent()], { expectedRevision: 0 }));
      await reopened.appendToStream(streamId, [aNewEvent()], { expectedRevision: 1 });

      expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
      const all = await store.readStream(streamId);
      expect(all).toHaveLength(3);
      expect(verifyChain(streamId, all).ok).toBe(true);
    });
  });
};
