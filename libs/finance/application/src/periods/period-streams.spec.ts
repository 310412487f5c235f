import { newId, WrongExpectedRevisionError, type EventMetadata } from '@itsm/event-sourcing';
import { createInMemoryEventStore } from '@itsm/event-store';
import { writePipelineOn } from '@itsm/platform-kit';
import { PeriodStreams } from './period-streams';

const METADATA: EventMetadata = { actor: { id: 'fiona', role: 'finance' }, correlationId: 'period-streams-spec' };
const clock = { now: () => new Date('2026-05-02T09:00:00.000Z') };
const adjustment = (reason: string) => ({
  type: 'PostAdjustment' as const,
  data: {
    period: '2026-05', adjustmentId: newId(), correctsPeriod: '2026-04', correctsStatementId: `2026-04.${newId()}`, correctsLineId: null, costCenterId: newId(),
    amount: { amount: '10.00', currency: 'EUR' }, reason,
  },
});

/** Two hosts (two PeriodStreams, each with the states it wrote) on one log. */
const twoHosts = () => {
  const pipeline = writePipelineOn(createInMemoryEventStore());
  return { first: new PeriodStreams(pipeline, clock), second: new PeriodStreams(pipeline, clock) };
};

describe('PeriodStreams.withLatest: the period as this host last wrote it, read again when another host overtook it', () => {
  it('gives the state and revision this host wrote, without reading the stream', async () => {
    const { first } = twoHosts();
    const written = await first.execute('2026-05', adjustment('first'), METADATA);
    const loaded = await first.withLatest('2026-05', undefined, async (kept) => kept);
    expect(loaded.state).toBe(written.state);
    expect(loaded.revision).toBe(written.revision);
  });

  it('runs the command again on the stream as read when another host wrote in between', async () => {
    const { first, second } = twoHosts();
    await first.execute('2026-05', adjustment('first'), METADATA);
    await second.execute('2026-05', adjustment('second'), METADATA);
    const seen: number[] = [];
    const result = await first.withLatest('2026-05', undefined, async (loaded) => {
      seen.push(loaded.state.adjustments.length);
      return first.execute('2026-05', adjustment('third'), METADATA, {}, loaded);
    });
    expect(seen).toEqual([1, 2]);
    expect([result.revision, result.state.adjustments.map((posted) => posted.reason)]).toEqual([2, ['first', 'second', 'third']]);
    expect((await first.load('2026-05')).revision).toBe(2);
  });

  it('reads the stream when the caller expects another revision than the one kept, and refuses a stale expectation', async () => {
    const { first, second } = twoHosts();
    await first.execute('2026-05', adjustment('first'), METADATA);
    await second.execute('2026-05', adjustment('second'), METADATA);
    const revisions: number[] = [];
    await first.withLatest('2026-05', 1, async (loaded) => revisions.push(loaded.revision));
    expect(revisions).toEqual([1]);
    await expect(first.withLatest('2026-05', 0, (loaded) => first.execute('2026-05', adjustment('late'), METADATA, { expectedRevision: 0 }, loaded))).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });
});
