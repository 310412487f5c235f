import { newId, streamName, waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { createInMemoryEventStore } from '@itsm/event-store';
import { EventFeed, PositionAheadOfLog } from './event-feed';
import { LiveLogTail } from './live-log-tail';

const append = async (store: ReturnType<typeof createInMemoryEventStore>, count: number) => {
  for (let index = 0; index < count; index++) {
    await store.appendToStream(streamName('cost-center'), [{ type: 'CostCenterOpened', data: { index }, metadata: { actor: { id: 'spec' }, correlationId: newId() } }], {
      expectedRevision: 'no-stream',
    });
  }
};

/** Unit level: the shared tail and one feed on the in-memory store (the platform spec covers HTTP and PostgreSQL). */
describe('EventFeed', () => {
  const feedOn = (store: ReturnType<typeof createInMemoryEventStore>, tail: LiveLogTail, after: number | undefined, sent: RecordedEvent[]) =>
    new EventFeed({ store, tail, after, accept: () => true, send: (event) => void sent.push(event), upcast: (event) => event });

  it('catches up from a position, then follows the tail: every event once, in order, while appends race the catch-up', async () => {
    const store = createInMemoryEventStore();
    await append(store, 20);
    const tail = new LiveLogTail(store);
    const sent: RecordedEvent[] = [];
    const feed = feedOn(store, tail, 5, sent);
    await feed.open();
    const running = feed.run();
    await append(store, 30);
    await waitUntil('the feed to reach the head', () => sent.length === 45);
    feed.stop();
    await running;
    await tail.close();
    expect(sent.map((event) => event.globalPosition)).toEqual((await store.readAll({ fromPosition: 5 })).events.map((event) => event.globalPosition));
  });

  it('starts at the head without a position, and refuses a position ahead of the log', async () => {
    const store = createInMemoryEventStore();
    await append(store, 3);
    const tail = new LiveLogTail(store);
    const sent: RecordedEvent[] = [];
    const feed = feedOn(store, tail, undefined, sent);
    await feed.open();
    const running = feed.run();
    await append(store, 1);
    await waitUntil('the new event', () => sent.length === 1);
    expect(sent[0].data).toEqual({ index: 0 });
    feed.stop();
    await running;
    await expect(feedOn(store, tail, 99, []).open()).rejects.toBeInstanceOf(PositionAheadOfLog);
    await tail.close();
  });

  it('waits for a send that answers a promise (a traced delivery) before the next event: still once each, in order', async () => {
    const store = createInMemoryEventStore();
    await append(store, 5);
    const tail = new LiveLogTail(store);
    const sent: number[] = [];
    let inFlight = 0;
    let overlapped = false;
    const feed = new EventFeed({
      store,
      tail,
      after: 0,
      accept: () => true,
      upcast: (event) => event,
      send: async (event) => {
        overlapped ||= inFlight > 0;
        inFlight++;
        await new Promise((resolve) => setImmediate(resolve));
        sent.push(event.globalPosition);
        inFlight--;
      },
    });
    await feed.open();
    const running = feed.run();
    await append(store, 5);
    await waitUntil('every event', () => sent.length === 10);
    feed.stop();
    await running;
    await tail.close();
    expect(overlapped).toBe(false);
    expect(sent).toEqual((await store.readAll({ fromPosition: 0 })).events.map((event) => event.globalPosition));
  });
});
