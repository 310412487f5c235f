import type { DomainEvent, RecordedEvent } from './envelope';
import { WrongExpectedRevisionError } from './expected-revision';
import { StreamsInMemory } from './testing/streams-in-memory';
import { decisionOf, WritePipeline, type StreamDecision } from './write-pipeline';

/** A counter: `Add` adds, and refuses to go past 10. */
type Counted = DomainEvent<'Added', { by: number }> | DomainEvent<'Noted', { total: number }>;
const counter = {
  initialState: () => 0,
  evolve: (total: number, event: Counted) => (event.type === 'Added' ? total + event.data.by : total),
  decide: (command: { by: number }, total: number): Counted[] => {
    if (total + command.by > 10) throw new Error(`${total} + ${command.by} is more than 10`);
    return command.by === 0 ? [] : [{ type: 'Added', data: { by: command.by } }];
  },
};
const metadata = { actor: { id: 'alice', role: 'agent' }, correlationId: 'c-1' };
const add = (by: number) => decisionOf(counter, { by });

describe('the write pipeline: load, upcast, fold, decide, policies, append with the revision it folded', () => {
  let store: StreamsInMemory;
  let pipeline: WritePipeline;
  beforeEach(() => {
    store = new StreamsInMemory();
    pipeline = new WritePipeline({ store, schemaVersionOf: (type) => (type === 'Added' ? 2 : 1) });
  });

  it('appends the decided events at the folded revision, stamped with their schema version, time and metadata', async () => {
    await pipeline.execute('counter-1', add(3), { metadata });
    const occurredAt = new Date('2026-12-02T08:30:00Z');

    const result = await pipeline.execute('counter-1', add(4), { metadata, occurredAt });

    expect(result).toMatchObject({ before: 3, state: 7, revision: 1 });
    expect(store.appends[1]).toEqual({
      streamId: 'counter-1',
      expectedRevision: 0,
      events: [{ type: 'Added', data: { by: 4 }, schemaVersion: 2, metadata, occurredAt }],
    });
  });

  it('runs the stream-local policies in order on what was decided, and appends everything at once', async () => {
    const seen: Array<readonly string[]> = [];
    const decision: StreamDecision<number> = {
      ...add(5),
      policies: [
        (_, decided, after) => {
          seen.push(decided.map((event) => event.type));
          return after >= 5 ? [{ type: 'Noted', data: { total: after } }] : [];
        },
        (before, decided) => {
          seen.push(decided.map((event) => event.type));
          return [{ type: 'Noted', data: { total: before } }];
        },
      ],
    };

    const result = await pipeline.execute('counter-2', decision, { metadata });

    expect(seen).toEqual([['Added'], ['Added', 'Noted']]);
    expect(store.appends).toHaveLength(1);
    expect(result.events.map((event) => [event.type, event.data])).toEqual([
      ['Added', { by: 5 }],
      ['Noted', { total: 5 }],
      ['Noted', { total: 0 }],
    ]);
  });

  it('appends nothing when the decision is empty, and says the revision is unchanged', async () => {
    await pipeline.execute('counter-3', add(2), { metadata });

    const result = await pipeline.execute('counter-3', add(0), { metadata });

    expect(result).toEqual({ before: 2, state: 2, events: [], revision: 0 });
    expect(store.appends).toHaveLength(1);
  });

  it('refuses a stale caller revision without deciding or retrying', async () => {
    await pipeline.execute('counter-4', add(1), { metadata });
    await pipeline.execute('counter-4', add(1), { metadata });

    await expect(pipeline.execute('counter-4', add(1), { metadata, expectedRevision: 0 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(store.appends).toHaveLength(2);
  });

  it('decides again on the fresh stream when another writer appended first, so its rule sees the other write', async () => {
    await pipeline.execute('counter-5', add(6), { metadata });
    store.beforeNextAppend = () => store.streams.get('counter-5')?.push({ ...(store.streams.get('counter-5') as RecordedEvent[])[0], streamRevision: 1, data: { by: 3 } });

    await expect(pipeline.execute('counter-5', add(2), { metadata })).rejects.toThrow('9 + 2 is more than 10');
    expect(store.appends).toHaveLength(1);
  });

  it('decides on the state the caller loaded without reading the stream again, and fails without retrying when another writer got there first', async () => {
    await pipeline.execute('counter-7', add(4), { metadata });
    const loaded = await pipeline.load('counter-7', add(0).fold);
    let reads = 0;
    const readStream = store.readStream.bind(store);
    store.readStream = async (streamId, options) => {
      reads++;
      return readStream(streamId, options);
    };

    const result = await pipeline.execute('counter-7', add(5), { metadata, loaded });
    expect([reads, result.before, result.state, result.revision]).toEqual([0, 4, 9, 1]);
    await expect(pipeline.execute('counter-7', add(1), { metadata, loaded })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(pipeline.execute('counter-7', add(1), { metadata, loaded: { state: 9, revision: 1 }, expectedRevision: 0 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect([reads, store.appends.length]).toEqual([0, 2]);
  });

  it('gives up after the attempts when other writers keep getting there first', async () => {
    const busy = new WritePipeline({ store, attemptsOnConflict: 2 });
    let interlopers = 0;
    const interfere = () => {
      interlopers++;
      const stream = store.streams.get('counter-6') ?? [];
      store.streams.set('counter-6', [...stream, { ...stream[0], streamRevision: stream.length }]);
      store.beforeNextAppend = interfere;
    };
    await busy.execute('counter-6', add(1), { metadata });
    store.beforeNextAppend = interfere;

    await expect(busy.execute('counter-6', add(1), { metadata })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(interlopers).toBe(2);
  });

  it('upcasts stored events before folding them, and loads a stream as it was at an instant', async () => {
    await pipeline.execute('counter-7', add(2), { metadata });
    await pipeline.execute('counter-7', add(3), { metadata });
    const doubling = new WritePipeline({ store, upcast: (event) => ({ ...event, data: { by: (event.data as { by: number }).by * 2 } }) });

    expect(await doubling.load('counter-7', add(0).fold)).toEqual({ state: 10, revision: 1 });
    const firstRecorded = (store.streams.get('counter-7') as RecordedEvent[])[0].recordedAt;
    expect(await pipeline.load('counter-7', add(0).fold, new Date(firstRecorded))).toEqual({ state: 2, revision: 0 });
  });
});
